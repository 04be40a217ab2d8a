// Emails rendered from data alone (no I/O): subject, plain text and HTML in the reader's language.
export { renderEmail } from './render-case-email';
export { renderDraftResumeEmail } from './draft-resume-email';
export { renderNewCaseLinkEmail } from './new-link-email';
export type { DecisionOutcome, DraftResumeData, EmailCommon, EmailData, EmailKind, RenderedEmail } from './types';
export { renderRoundAlertEmail, renderRoundSubscriptionConfirmEmail } from './round-emails';
export type { RoundAlertData, RoundSubscriptionConfirmData } from './types';
export { renderOrganisationInvitationEmail, renderOrganisationSignInEmail } from './organisation-emails';
export type { OrganisationInvitationData, OrganisationSignInData } from './organisation-emails';
export { renderSponsorDecisionCopyEmail, renderSponsorshipRequestEmail } from './sponsorship-email';
export type { SponsorDecisionCopyData } from './sponsorship-email';
export { renderHelperDraftEmail } from './helper-draft-email';
