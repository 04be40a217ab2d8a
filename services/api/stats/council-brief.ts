import { renderCouncilBrief as renderBrief, type BriefSender } from '../../../documents/brief';
import type { StatsSummary } from './summary';

export type { BriefSender };

/** The council brief of a statistics summary, in Danish: the committee's working language. */
export function renderCouncilBrief(summary: StatsSummary, sender: BriefSender, now = new Date()): Promise<Buffer> {
  return renderBrief('da', summary, sender, now);
}
