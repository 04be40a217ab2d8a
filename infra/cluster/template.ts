import fs from 'node:fs';

/** The text of a template file with every `${NAME}` filled; a name without a value is an error, not a blank. */
export function fillTemplate(file: string, values: Record<string, string | number>): string {
  return fs.readFileSync(file, 'utf8').replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`${file}: no value for \${${name}}`);
    return String(values[name]);
  });
}
