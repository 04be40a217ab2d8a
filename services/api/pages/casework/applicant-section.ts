import { formatDateTime, t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { applicantOf, isInformalGroup } from '../../../../domain/informal-groups';
import type { LoadedCase } from './case-data';
import { fieldList } from './case-sections';

/** Who applies, as the case's summary names it: the association itself, or a self-organised group. */
export function applicantKindLabel(application: Pick<LoadedCase, 'applicantKind'>, language: Language): string {
  return t(language, application.applicantKind === 'informalGroup' ? 'casework.informalGroup.kindGroup' : 'casework.informalGroup.kindAssociation');
}

/**
 * A self-organised group's case: the group, its sponsor (who receives the payout), the adult
 * responsible, and whether the sponsor has confirmed; the caseworker does not decide before it has.
 * Nothing for an association's own application.
 */
export function applicantSection(application: LoadedCase, language: Language): SafeHtml {
  const applicant = applicantOf(application.submission);
  if (!isInformalGroup(applicant)) return html``;
  const sponsorship = application.sponsorship;
  const confirmation = sponsorship?.confirmedAt
    ? html`<strong>${t(language, 'casework.informalGroup.confirmed', { date: formatDateTime(language, sponsorship.confirmedAt), name: sponsorship.confirmedBy ?? '' })}</strong>`
    : html`<strong>${t(language, 'casework.informalGroup.missing', { date: formatDateTime(language, sponsorship?.requestedAt ?? application.submittedAt ?? application.createdAt), email: sponsorship?.sponsorEmail ?? application.organizationEmail })}</strong>`;
  return html`<section aria-labelledby="applicant-heading">
    <h2 id="applicant-heading">${t(language, 'casework.informalGroup.heading')}</h2>
    ${fieldList([
      [t(language, 'casework.informalGroup.heading'), applicantKindLabel(application, language)],
      [t(language, 'casework.informalGroup.group'), `${applicant.groupName} (${applicant.members})`],
      [t(language, 'casework.informalGroup.sponsor'), `${application.organizationName}, ${application.organizationCvr}`],
      [t(language, 'casework.informalGroup.responsible'), `${application.contactName}, ${application.contactEmail}`],
      [t(language, 'casework.informalGroup.confirmation'), confirmation],
    ])}
  </section>`;
}
