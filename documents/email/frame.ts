import { html, type SafeHtml } from '../../lib/html';
import type { Language } from '../../lib/languages';
import { blockToHtml, blockToText, STYLE, withLineBreaks, type Block, type OptionalBlock } from './blocks';
import type { RenderedEmail } from './types';

/** Everything an email says, in the reader's language, before it is written out as text and HTML. */
export interface EmailContent {
  subject: string;
  greeting: string;
  blocks: OptionalBlock[];
  /** Its lines are kept as lines. */
  signOff: string;
  footer: string;
}

// A private link that is not http(s) would be a broken or dangerous link in every email.
export function assertWebLink(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`caseUrl is not an absolute URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`caseUrl must be an http(s) link, got ${parsed.protocol}`);
}

function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/** One email as plain text and as simple, accessible HTML (no images, tables or style sheets). */
export function assembleEmail(language: Language, content: EmailContent): RenderedEmail {
  const blocks = content.blocks.filter((block): block is Block => Boolean(block));
  const subject = singleLine(content.subject);

  const text = [content.greeting, ...blocks.map(blockToText), content.signOff, '--', content.footer].join('\n\n') + '\n';

  const body: SafeHtml[] = [html`<p style="${STYLE.paragraph}">${withLineBreaks(content.greeting)}</p>`, ...blocks.map(blockToHtml)];
  const document = html`<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${subject}</title>
</head>
<body style="${STYLE.body}">
<div role="article" aria-label="${subject}" lang="${language}" style="${STYLE.column}">
${body.map((part) => html`${part}\n`)}<p style="${STYLE.paragraph}">${withLineBreaks(content.signOff)}</p>
<p style="${STYLE.footer}">${withLineBreaks(content.footer)}</p>
</div>
</body>
</html>
`;

  return { subject, text, html: document.toString() };
}
