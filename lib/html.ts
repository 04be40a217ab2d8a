/**
 * HTML built from template literals: every interpolated value is escaped unless it is already
 * SafeHtml, so a page cannot be broken (or scripted) by what an applicant typed.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

export type HtmlValue = SafeHtml | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Markup that is trusted as it is (our own constants only, never user input). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Attributes from a record; false/null/undefined leave the attribute out, true writes it bare. */
export function attributes(attrs: Record<string, string | number | boolean | null | undefined>): SafeHtml {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    parts.push(value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`);
  }
  return new SafeHtml(parts.join(''));
}
