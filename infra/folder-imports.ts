// Prints a Markdown table of the imports between the project's top-level folders (services,
// activities, domain, lib, workflows, locale, documents, infra …), how many of each, and how many
// of those are type-only, from dependency-cruiser's JSON output:
//
//   npm run deps:folders                                  (cruises the working tree)
//   depcruise … --output-type json > cruise.json && node --import tsx infra/folder-imports.ts cruise.json
//
// The layering rules themselves are checked by `npm run deps`; this shows the shape at a glance.
import fs from 'node:fs';

/** The parts of dependency-cruiser's JSON result (ICruiseResult) read here. */
interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string; coreModule: boolean; couldNotResolve: boolean; dependencyTypes: string[] }[] }[];
}

interface FolderImports {
  from: string;
  to: string;
  imports: number;
  typeOnly: number;
}

// `import type …` and `import('…').T` in a type position: gone after compilation.
const TYPE_ONLY_DEPENDENCY_TYPES = new Set(['type-only', 'type-import']);

function topFolder(modulePath: string): string | null {
  const [first, ...rest] = modulePath.split('/');
  return rest.length > 0 && first && first !== 'node_modules' && first !== '.' && first !== '..' ? first : null;
}

export function folderImports(result: CruiseResult): FolderImports[] {
  const byEdge = new Map<string, FolderImports>();
  for (const module of result.modules) {
    const from = topFolder(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      if (dependency.coreModule || dependency.couldNotResolve) continue;
      const to = topFolder(dependency.resolved);
      if (!to || to === from) continue;
      const key = `${from}\u0000${to}`;
      const edge = byEdge.get(key) ?? { from, to, imports: 0, typeOnly: 0 };
      edge.imports += 1;
      if (dependency.dependencyTypes.some((type) => TYPE_ONLY_DEPENDENCY_TYPES.has(type))) edge.typeOnly += 1;
      byEdge.set(key, edge);
    }
  }
  return [...byEdge.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

export function markdownTable(edges: readonly FolderImports[]): string {
  const rows = edges.map((edge) => `| ${edge.from} | ${edge.to} | ${edge.imports} | ${edge.typeOnly} |`);
  return ['| from | to | imports | of which type-only |', '|---|---|---:|---:|', ...rows].join('\n');
}

function main(): void {
  const [file] = process.argv.slice(2);
  const json = fs.readFileSync(file ?? 0, 'utf8');
  if (!json.trim()) {
    process.stderr.write('No input: pipe in `depcruise --output-type json`, or name a file holding it.\n');
    process.exit(1);
  }
  process.stdout.write(`${markdownTable(folderImports(JSON.parse(json) as CruiseResult))}\n`);
}

if (require.main === module) main();
