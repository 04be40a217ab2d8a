import type { MessageKey } from '../../../../locale';

/** Confirmations after a post-redirect-get, named in the address (?sendt=…). */
const NOTICES = {
  svar: 'case.request.answerSent',
  bemaerkninger: 'case.consultation.sent',
  afrapportering: 'case.report.sent',
  tilbagetrukket: 'case.withdraw.withdrawn',
  genovervejelse: 'case.reconsideration.sent',
  'nej-tak': 'case.decline.declined',
  aendring: 'case.change.sent',
} as const satisfies Record<string, MessageKey>;

/** The confirmation named by `?sendt=…`, if it names one. */
export function noticeAfterPost(sent: unknown): MessageKey | undefined {
  return typeof sent === 'string' && sent in NOTICES ? NOTICES[sent as keyof typeof NOTICES] : undefined;
}
