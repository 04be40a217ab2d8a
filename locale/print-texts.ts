// `npm run texts [-- da|nb|en]`: the whole catalogue of one language, namespace by namespace,
// for a plain-language review or a translator.
import { isLanguage, LANGUAGES } from '../lib/languages';
import { flatCatalogue, NAMESPACES } from './catalogue';

// `npm run texts | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const language = process.argv[2] ?? 'da';
if (!isLanguage(language)) {
  process.stderr.write(`Unknown language "${language}". Choose one of: ${LANGUAGES.join(', ')}\n`);
  process.exit(2);
}
const catalogue = flatCatalogue(language);
const lines: string[] = [`# grantflow texts: ${language} (${Object.keys(catalogue).length} messages)`];
for (const namespace of NAMESPACES) {
  const keys = Object.keys(catalogue).filter((key) => key.startsWith(`${namespace}.`));
  if (!keys.length) continue;
  lines.push('', `## ${namespace} (locale/catalogues/${language}/${namespace}.json)`, '');
  for (const key of keys) lines.push(`${key}`, `    ${catalogue[key]!.replace(/\n/g, '\n    ')}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
