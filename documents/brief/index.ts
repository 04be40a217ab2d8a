export { renderCouncilBrief } from './render';
export type { BriefSender, CouncilBriefData } from './brief-data';
