import { html, type SafeHtml } from '../../../../lib/html';

export type AlertKind = 'success' | 'warning' | 'info' | 'error';

/**
 * A DKFDS alert on a staff page: success after an action, info for a notice, warning when the
 * case changed meanwhile, error for a refusal. Warnings and errors interrupt a screen reader,
 * the others wait their turn (or, as a `note`, are read with the page).
 */
export function alert(kind: AlertKind, text: string, role: 'alert' | 'status' | 'note' = kind === 'warning' || kind === 'error' ? 'alert' : 'status'): SafeHtml {
  return html`<div class="alert alert-${kind}" role="${role}"><div class="alert-body"><p class="alert-text">${text}</p></div></div>`;
}
