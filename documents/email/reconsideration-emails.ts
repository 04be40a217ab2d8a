import { link, paragraph } from './blocks';
import { caseValues, type CaseEmailComposer } from './case-email-body';
import type { EmailData } from './types';

// The emails of a reconsideration (in a Norwegian case: a klage). The letters they carry are attached by the caller.

export const reconsiderationReceivedEmail: CaseEmailComposer<EmailData['reconsideration_received']> = (d, { t, date }) => ({
  subject: t('mail.reconsideration.received.subject', caseValues(d)),
  blocks: [
    paragraph(t('mail.reconsideration.received.intro', { ...caseValues(d), requestedAt: date(d.requestedAt) })),
    paragraph(t('mail.reconsideration.received.next')),
    link(t('mail.reconsideration.link'), d.caseUrl),
  ],
});

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
