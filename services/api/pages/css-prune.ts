import fs from 'node:fs';
import path from 'node:path';

/** The words in the given files that could be class names; a word ending in "-" (`alert-${kind}`) stands for every class it starts. */
export function classWordsIn(files: string[]): { words: Set<string>; prefixes: string[] } {
  const words = new Set<string>();
  for (const file of files) for (const word of fs.readFileSync(file, 'utf8').match(/[A-Za-z_][\w-]*/g) ?? []) words.add(word);
  return { words, prefixes: [...words].filter((word) => word.endsWith('-') && word.length > 2) };
}

/** Every .ts and .js file below a folder. */
export function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

interface Block {
  prelude: string;
  body: string;
}

/** Top-level blocks of minified CSS ("prelude{body}"); undefined when it cannot be split cleanly. */
function blocks(css: string): Block[] | undefined {
  const found: Block[] = [];
  let start = 0;
  let depth = 0;
  let open = -1;
  for (let i = 0; i < css.length; i += 1) {
    const c = css[i];
    if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if (c === '{') {
      if (depth === 0) open = i;
      depth += 1;
    } else if (c === '}') {
      depth -= 1;
      if (depth < 0) return undefined;
      if (depth === 0) {
        found.push({ prelude: css.slice(start, open).trim(), body: css.slice(open + 1, i) });
        start = i + 1;
      }
    }
  }
  return depth === 0 && css.slice(start).trim() === '' ? found : undefined;
}

/**
 * The stylesheet without the rules no page can match: a rule stays when one of its selectors names
 * only classes that occur as words in the pages' code or the design system's script (which sets
 * classes as it runs). At-rules other than @media and @supports stay as they are. Undefined when
 * the CSS cannot be split cleanly: then the whole stylesheet is served.
 */
export function pruneCss(css: string, used: { words: Set<string>; prefixes: string[] }): string | undefined {
  const known = (name: string) => used.words.has(name) || used.prefixes.some((prefix) => name.startsWith(prefix));
  // A class inside :not() is one the element must lack: it cannot make a rule unusable.
  const wanted = (selector: string) => [...selector.replace(/:not\([^)]*\)/g, '').matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].every((match) => known(match[1]!));
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const walk = (text: string): string | undefined => {
    const parts = blocks(text);
    if (!parts) return undefined;
    let out = '';
    for (const { prelude, body } of parts) {
      if (/^@(media|supports)\b/.test(prelude)) {
        const inner = walk(body);
        if (inner === undefined) return undefined;
        if (inner) out += `${prelude}{${inner}}`;
      } else if (prelude.startsWith('@')) {
        out += `${prelude}{${body}}`;
      } else if (prelude.split(',').some(wanted)) {
        out += `${prelude}{${body}}`;
      }
    }
    return out;
  };
  return walk(withoutComments);
}
