import { renderCouncilBrief as renderBrief, type BriefSender } from '../../../documents/brief';
import { jurisdictionRules } from '../../../domain/jurisdiction';
import type { StatsSummary } from './summary';

export type { BriefSender };

/**
 * The council brief of a statistics summary, in the committee's working language: Danish in a
 * Danish municipality, bokmål in a Norwegian one (the jurisdiction's language).
 */
export function renderCouncilBrief(summary: StatsSummary, sender: BriefSender, now = new Date()): Promise<Buffer> {
  return renderBrief(councilLanguage(sender), summary, sender, now);
}

/** The language the municipality's committee works in, which the brief and the open data speak. */
export function councilLanguage(sender: Pick<BriefSender, 'law'>) {
  return jurisdictionRules(sender.law).defaultLanguage;
}
