import { link, paragraph } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailData } from './types';

// The emails of a reconsideration (in a Norwegian case: a klage). The letters they carry are attached by the caller.

/** A Danish request for reconsideration, or a Norwegian klage (which may go on to the klagenemnd). */
const RECEIVED = {
  reconsideration: { subject: 'mail.reconsideration.received.subject', intro: 'mail.reconsideration.received.intro', next: 'mail.reconsideration.received.next' },
  klage: { subject: 'mail.reconsideration.klageReceived.subject', intro: 'mail.reconsideration.klageReceived.intro', next: 'mail.reconsideration.klageReceived.next' },
} as const;

export const reconsiderationReceivedEmail: CaseEmailComposer<EmailData['reconsideration_received']> = (d, { t, date }) => {
  const received = RECEIVED[d.procedure ?? 'reconsideration'];
  return {
    subject: t(received.subject, caseValues(d)),
    blocks: [
      paragraph(t(received.intro, { ...caseValues(d), requestedAt: date(d.requestedAt) })),
      paragraph(t(received.next)),
      link(t('mail.reconsideration.link'), d.caseUrl),
    ],
  };
};

export const reconsiderationUpheldEmail: CaseEmailComposer<EmailData['reconsideration_upheld']> = (d, { t }) => ({
  subject: t('mail.reconsideration.upheld.subject', caseValues(d)),
  blocks: [paragraph(t('mail.reconsideration.upheld.intro', caseValues(d))), paragraph(t('mail.reconsideration.letterAttached')), link(t('mail.reconsideration.link'), d.caseUrl)],
});

export const reconsiderationForwardedEmail: CaseEmailComposer<EmailData['reconsideration_forwarded']> = (d, { t }) => ({
  subject: t('mail.reconsideration.forwarded.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.reconsideration.forwarded.intro', caseValues(d))),
    paragraph(t('mail.reconsideration.letterAttached')),
    link(t('mail.reconsideration.link'), d.caseUrl),
  ],
});

export const appealsBoardDecisionEmail: CaseEmailComposer<EmailData['appeals_board_decision']> = (d, { t, date }) => ({
  subject: t('mail.reconsideration.board.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.reconsideration.board.intro', { ...caseValues(d), boardDate: date(d.boardDecidedOn) })),
    paragraph(t('mail.reconsideration.letterAttached')),
    link(t('mail.reconsideration.link'), d.caseUrl),
  ],
});
