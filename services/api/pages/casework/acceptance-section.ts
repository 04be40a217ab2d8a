import { formatDateTime, formatDeadline, t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import type { LoadedCase } from './case-data';

/** Where the acceptance of the grant stands, in words for staff. */
function statusText(acceptance: LoadedCase['acceptances'][number], language: Language): string {
  if (acceptance.acceptedAt) return t(language, 'casework.acceptance.accepted', { name: acceptance.acceptedByName ?? '', at: formatDateTime(language, acceptance.acceptedAt) });
  if (acceptance.lapsedAt) return t(language, 'casework.acceptance.lapsed', { at: formatDateTime(language, acceptance.lapsedAt) });
  return t(language, 'casework.acceptance.awaiting');
}

/**
 * The acceptance of the grant's conditions the payout waits for: who may sign and why, the
 * deadline, and once signed who signed, when, the conditions' version and hash and the signature's
 * reference (the audit trail, as the grant_acceptances row keeps it).
 */
export function acceptanceSection(application: LoadedCase, language: Language): SafeHtml {
  const acceptance = application.acceptances.at(-1);
  if (!acceptance) return html``;
  const names = (acceptance.signatories as string[]).join(', ');
  const rows: [string, string][] = [
    [t(language, 'casework.acceptance.status'), statusText(acceptance, language)],
    [t(language, 'casework.acceptance.signatories'), acceptance.signingRule ? t(language, 'casework.acceptance.fromRegister', { names, rule: acceptance.signingRule }) : t(language, 'casework.acceptance.fromApplication', { names })],
    [t(language, 'casework.acceptance.acceptBy'), formatDeadline(language, acceptance.acceptBy)],
    [t(language, 'casework.acceptance.conditions'), `${acceptance.conditionsVersion} · SHA-256 ${acceptance.conditionsHash.slice(0, 16)}…`],
    ...(acceptance.signatureReference ? ([[t(language, 'casework.acceptance.signature'), `${acceptance.signingProvider ?? ''} · ${acceptance.signatureReference}`]] as [string, string][]) : []),
  ];
  return html`<section aria-labelledby="acceptance-heading">
    <h2 id="acceptance-heading">${t(language, 'casework.acceptance.heading')}</h2>
    <dl class="gf-summary-list">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
  </section>`;
}
