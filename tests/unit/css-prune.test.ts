import fs from 'node:fs';
import path from 'node:path';
import { pruneCss } from '../../services/api/pages/css-prune';

// The design system's stylesheet is served without the rules no page can match; what a page or the
// design system's script can set stays, and a stylesheet that does not split cleanly is left whole.
describe('pruneCss', () => {
  const used = { words: new Set(['button', 'alert', 'js-open']), prefixes: ['badge-'] };

  it('keeps rules whose classes are used (or that name no class) and drops the rest', () => {
    const css = 'body{margin:0}.button{color:red}.carousel{color:blue}.alert .js-open,.unused{x:1}.badge-success{y:2}.button:not(.unused){z:3}';
    expect(pruneCss(css, used)).toBe('body{margin:0}.button{color:red}.alert .js-open,.unused{x:1}.badge-success{y:2}.button:not(.unused){z:3}');
  });

  it('prunes inside @media, drops an emptied one, and keeps other at-rules as they are', () => {
    const css = '@media (min-width:40em){.button{a:1}.carousel{b:2}}@media print{.carousel{c:3}}@font-face{font-family:x;src:url(a.woff2)}@keyframes spin{0%{d:1}}';
    expect(pruneCss(css, used)).toBe('@media (min-width:40em){.button{a:1}}@font-face{font-family:x;src:url(a.woff2)}@keyframes spin{0%{d:1}}');
  });

  it('reads braces inside strings as text, and gives up on a stylesheet that does not balance', () => {
    expect(pruneCss('.button:after{content:"}"}', used)).toBe('.button:after{content:"}"}');
    expect(pruneCss('.button{a:1', used)).toBeUndefined();
  });

  it('splits the design system\'s own stylesheet cleanly: with every class known, nothing but its comment is lost', () => {
    const file = path.join(path.dirname(require.resolve('dkfds')), '..', 'css', 'dkfds-virkdk.min.css');
    const css = fs.readFileSync(file, 'utf8');
    expect(pruneCss(css, { words: new Set(), prefixes: [''] })).toBe(css.replace(/\/\*[\s\S]*?\*\//g, '').trim());
  });
});
