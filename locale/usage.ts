import fs from 'node:fs';
import path from 'node:path';

/** The folders whose code shows texts to people. */
export const SOURCE_FOLDERS = ['services', 'activities', 'domain', 'lib', 'workflows', 'locale', 'documents', 'infra'];

function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'catalogues') walk(full);
      } else if (/\.(ts|js)$/.test(entry.name)) files.push(full);
    }
  };
  for (const folder of SOURCE_FOLDERS) {
    const dir = path.join(root, folder);
    if (fs.existsSync(dir)) walk(dir);
  }
  return files;
}

/**
 * Which keys the code names. A key counts as used when it stands in the code as a string
 * (`'apply.landing.title'`), or when the code builds it from a template whose fixed part ends at
 * the key's last dot (`` `common.status.${status}` `` uses every `common.status.*`), or when the
 * code names the family itself as a string (`'common.outcome'` passed to a helper that appends the code).
 */
export function unusedKeys(keys: readonly string[], root: string): string[] {
  const literals = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sourceFiles(root)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/['"`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"`]/g)) literals.add(match[1]!);
    for (const match of text.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)) prefixes.add(match[1]!);
  }
  return keys.filter((key) => {
    if (literals.has(key)) return false;
    const prefix = key.slice(0, key.lastIndexOf('.') + 1);
    return !prefixes.has(prefix) && !literals.has(prefix.slice(0, -1));
  });
}
