import { t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { stepIndicator } from '../forms';
import { resolvedLegalFrame, shippedLegalFrame } from '../../../../domain/legal-frame';
import type { FundingRound } from '../../../../prisma/generated/client';
import type { DraftAnswers } from '../../../../domain/draft-steps';

/** A value from the answers by its field name ("budget.lines.0.amount"), as text for an input. */
export function valueAt(answers: DraftAnswers, name: string): string {
  let current: unknown = answers;
  for (const part of name.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[part];
  }
  return current === undefined || current === null ? '' : String(current);
}

/** A DKFDS notice box (info or warning) that is not an error. */
export function notice(kind: 'info' | 'warning' | 'success', text: SafeHtml | string, heading?: string): SafeHtml {
  return html`<div class="alert alert-${kind}" role="${kind === 'warning' ? 'alert' : 'status'}">
    <div class="alert-body">
      ${heading ? html`<p class="alert-heading">${heading}</p>` : ''}
      <p class="alert-text">${text}</p>
    </div>
  </div>`;
}

/** A description list of label → value pairs (the summary and the round facts). */
export function factList(rows: { label: string; value: SafeHtml | string }[]): SafeHtml {
  return html`<dl class="gf-summary-list">
    ${rows.map((row) => html`<dt>${row.label}</dt><dd>${row.value}</dd>`)}
  </dl>`;
}

// Stands in for the email address while the sentence is translated, so the address can become a link.
const EMAIL_SLOT = '\u0000';

/** A sentence naming the municipality's contact details, with the email as a link. */
export function contactLine(site: SiteSettings, language: Language): SafeHtml {
  const sentence = t(language, 'apply.cannotApply.contactUs', { name: site.municipalityName, email: EMAIL_SLOT, phone: site.municipalityPhone });
  const [before, after] = sentence.split(EMAIL_SLOT);
  return html`${before ?? ''}<a href="mailto:${site.municipalityEmail}">${site.municipalityEmail}</a>${after ?? ''}`;
}

/** The steps shown in the step indicator: the form's own, the documents (when asked for), the summary. */
export interface FormOutline {
  steps: { key: string; label: string; href: string }[];
}

/** The top of every page of the form: where in the form the page is, and which round it applies to. */
export function formProgress(outline: FormOutline, currentKey: string, round: { name: string }, language: Language): SafeHtml {
  const current = outline.steps.findIndex((step) => step.key === currentKey);
  return html`${stepIndicator(outline.steps.map((step) => ({ label: step.label, href: step.href })), current, language)}
    <p class="h5 mb-2">${t(language, 'apply.form.applicationTo', { round: round.name })}</p>`;
}

/** The round's contact person, or the municipality's own contact while the round names none. */
export function roundContact(round: Pick<FundingRound, 'legalFrame'>, site: SiteSettings): { name: string; phone: string; email: string } {
  return resolvedLegalFrame(round.legalFrame, shippedLegalFrame({ name: site.municipalityDepartment, phone: site.municipalityPhone, email: site.municipalityEmail })).contact;
}

/** "Name, phone, email" with the email as a link: how to reach the round's contact person. */
export function roundContactValue(contact: { name: string; phone: string; email: string }, language: Language): SafeHtml {
  const sentence = t(language, 'apply.roundContact', { name: contact.name, phone: contact.phone, email: EMAIL_SLOT });
  const [before, after] = sentence.split(EMAIL_SLOT);
  return html`${before ?? ''}<a href="mailto:${contact.email}">${contact.email}</a>${after ?? ''}`;
}
