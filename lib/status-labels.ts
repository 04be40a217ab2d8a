import type { CaseStatus } from '../domain/status';
import type { Language } from './i18n';

/** Where a case is, in words an association's volunteer understands. */
export const STATUS_LABELS: Record<CaseStatus, Record<Language, string>> = {
  SUBMITTED: { da: 'Modtaget', nb: 'Mottatt', en: 'Received' },
  SCREENING: { da: 'Automatisk kontrol', nb: 'Automatisk kontroll', en: 'Automatic checks' },
  AWAITING_APPLICANT: { da: 'Venter på svar fra foreningen', nb: 'Venter på svar fra organisasjonen', en: 'Waiting for the association' },
  IN_QUEUE: { da: 'Venter på en sagsbehandler', nb: 'Venter på en saksbehandler', en: 'Waiting for a caseworker' },
  IN_REVIEW: { da: 'Under behandling', nb: 'Under behandling', en: 'Being assessed' },
  AWAITING_APPROVAL: { da: 'Afventer godkendelse', nb: 'Venter på godkjenning', en: 'Awaiting approval' },
  DECIDED: { da: 'Afgjort', nb: 'Avgjort', en: 'Decided' },
  PAID: { da: 'Udbetalt', nb: 'Utbetalt', en: 'Paid' },
  REPORT_DUE: { da: 'Afrapportering afventer', nb: 'Rapport venter', en: 'Report due' },
  REPORT_SUBMITTED: { da: 'Afrapportering modtaget', nb: 'Rapport mottatt', en: 'Report received' },
  CLOSED: { da: 'Afsluttet', nb: 'Avsluttet', en: 'Closed' },
  WITHDRAWN: { da: 'Trukket tilbage', nb: 'Trukket tilbake', en: 'Withdrawn' },
  LAPSED: { da: 'Bortfaldet (intet svar)', nb: 'Bortfalt (ikke svar)', en: 'Lapsed (no answer)' },
};
