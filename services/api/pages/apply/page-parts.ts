import { html, type SafeHtml } from '../../../../lib/html';

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

/** A sentence naming the municipality's contact details, with the email as a link. */
export function contactLine(site: { municipalityName: string; municipalityEmail: string; municipalityPhone: string }, template: string): SafeHtml {
  const [before, after] = template.split('{email}');
  return html`${(before ?? '').replace('{name}', site.municipalityName)}<a href="mailto:${site.municipalityEmail}">${site.municipalityEmail}</a>${(after ?? '').replace('{phone}', site.municipalityPhone)}`;
}
