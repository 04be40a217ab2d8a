import { escapeHtml, html, trusted, type SafeHtml } from '../../lib/html';

/** One piece of an email's body, described once and written out as both plain text and HTML. */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'quote'; label: string; text: string } // someone's own words, shown as written
  | { type: 'link'; label: string; url: string }
  // Terms the email uses, each linked to its explanation; `lang` marks a Danish term in another language.
  | { type: 'terms'; label: string; terms: { name: string; url: string; lang?: string }[] };

/** false/undefined: a block that does not apply to this email. */
export type OptionalBlock = Block | false | undefined;

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });

export function list(items: string[]): Block | undefined {
  const worded = items.map((item) => item.trim()).filter((item) => item.length > 0);
  return worded.length > 0 ? { type: 'list', items: worded } : undefined;
}

export function quote(label: string, text: string | undefined): Block | undefined {
  return text && text.trim().length > 0 ? { type: 'quote', label, text: text.trim() } : undefined;
}

export const link = (label: string, url: string): Block => ({ type: 'link', label, url });

export const STYLE = {
  body: 'margin:0;padding:0;background:#ffffff;',
  column: 'max-width:600px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;',
  paragraph: 'margin:0 0 16px;',
  list: 'margin:0 0 16px;padding-left:24px;',
  quote: 'margin:0 0 16px;padding:8px 16px;border-left:4px solid #1f4e79;background:#eef2f7;',
  link: 'color:#1f4e79;font-weight:bold;text-decoration:underline;',
  footer: 'margin:24px 0 0;padding-top:12px;border-top:1px solid #b8c4d2;font-size:14px;color:#4a4a4a;',
};

/** Line breaks someone typed are kept; everything else they typed is shown, never interpreted. */
export function withLineBreaks(text: string): SafeHtml {
  return trusted(escapeHtml(text).replace(/\r?\n/g, '<br>\n'));
}

export function blockToText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'quote':
      return `${block.label}\n${block.text
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join('\n')}`;
    case 'link':
      return `${block.label}:\n${block.url}`;
    case 'terms':
      return `${block.label}\n${block.terms.map((term) => `- ${term.name}: ${term.url}`).join('\n')}`;
  }
}

export function blockToHtml(block: Block): SafeHtml {
  switch (block.type) {
    case 'paragraph':
      return html`<p style="${STYLE.paragraph}">${withLineBreaks(block.text)}</p>`;
    case 'list':
      return html`<ul style="${STYLE.list}">${block.items.map((item) => html`\n<li>${withLineBreaks(item)}</li>`)}\n</ul>`;
    case 'quote':
      return html`<p style="${STYLE.paragraph}">${withLineBreaks(block.label)}</p>\n<blockquote style="${STYLE.quote}">${withLineBreaks(block.text)}</blockquote>`;
    case 'link':
      return html`<p style="${STYLE.paragraph}"><a href="${block.url}" style="${STYLE.link}">${withLineBreaks(block.label)}</a></p>`;
    case 'terms':
      return html`<p style="${STYLE.footer}">${block.label} ${block.terms.map(
        (term, index) => html`${index > 0 ? ', ' : ''}<a href="${term.url}"${term.lang ? html` lang="${term.lang}"` : ''}>${term.name}</a>`,
      )}</p>`;
  }
}
