/**
 * The project's layering, checked by `npm run deps` (README: "Layout").
 *
 *   lib ← domain ← locale ← documents ← activities, services     (workflows: domain and workflows only)
 *
 * "Type-only" means `import type …`, `import { type … }` or `import('…').T` in a type position:
 * it leaves no trace in the compiled JavaScript, so it may cross a line a runtime import may not
 * (e.g. a workflow naming its activities' signatures). `tsPreCompilationDeps` makes those imports
 * visible at all; the rules below then tell them apart by dependency type.
 */
const TYPE_ONLY = ['type-only', 'type-import'];

const OUR_FOLDERS = ['services', 'activities', 'domain', 'lib', 'workflows', 'locale', 'documents', 'infra', 'bench', 'tests', 'prisma'];

/** A rule: modules under `from` import nothing of ours outside `allowed` (and their own folder). */
function importsOnly(from, allowed, comment) {
  const others = `^(?!(?:${[from, ...allowed].join('|')})/)(?:${OUR_FOLDERS.join('|')})/`;
  return { name: `${from}-layer`, severity: 'error', comment, from: { path: `^${from}/` }, to: { path: others } };
}

/** A rule: modules matching `from` (but not `fromNot`) import `to` (but not `toNot`) as types only. */
function typesOnly({ name, from, fromNot, to, toNot, comment }) {
  return {
    name,
    severity: 'error',
    comment,
    from: { path: from, ...(fromNot && { pathNot: fromNot }) },
    to: { path: to, ...(toNot && { pathNot: toNot }), dependencyTypesNot: TYPE_ONLY },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: each module in it can only be understood (and loaded) together with the others.',
      from: {},
      to: { circular: true },
    },
    importsOnly('lib', ['prisma/generated'], 'lib/ holds utilities every layer may use: it imports nothing of ours but lib and Prisma\'s generated client.'),
    importsOnly('domain', ['lib', 'locale'], 'domain/ holds the pure rules, on lib alone; locale only for the names of its types (below).'),
    typesOnly({
      name: 'domain-names-locale-as-types-only',
      from: '^domain/',
      to: '^locale/',
      comment: 'domain/ returns message keys and values; the sentences are the locale layer\'s, above it.',
    }),
    importsOnly('locale', ['lib', 'domain'], 'locale/ turns keys and values into text.'),
    importsOnly('documents', ['lib', 'domain', 'locale', 'prisma/generated'], 'documents/ renders letters, briefs, emails and PDFs without I/O.'),
    // A document may be built from a stored row's shape; reading the database is an activity's or a service's job.
    typesOnly({ name: 'documents-name-database-rows-as-types-only', from: '^documents/', to: '^prisma/generated/' }),
    {
      name: 'activities-not-services-or-infra',
      severity: 'error',
      from: { path: '^activities/' },
      to: { path: '^(services|infra|bench|tests)/' },
    },
    typesOnly({
      name: 'activities-name-workflows-as-types-only',
      from: '^activities/',
      to: '^workflows/',
      toNot: '^workflows/messages\\.ts$',
      comment: 'An activity may name a workflow\'s messages (signals, queries) and types, never run workflow code.',
    }),
    importsOnly('workflows', ['domain', 'activities'], 'Workflow code runs in Temporal\'s deterministic sandbox: domain rules and other workflow modules only.'),
    typesOnly({
      name: 'workflows-name-activities-as-types-only',
      from: '^workflows/',
      to: '^activities/',
      comment: 'Workflows reach activities through proxyActivities; importing one would pull I/O into the sandbox.',
    }),
    {
      name: 'workflows-use-no-package-but-temporal-workflow',
      severity: 'error',
      from: { path: '^workflows/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'],
        dependencyTypesNot: TYPE_ONLY,
        pathNot: '^node_modules/@temporalio/workflow/',
      },
    },
    {
      name: 'services-never-import-activities',
      severity: 'error',
      comment: 'Services start workflows; only the worker (services/worker/) registers the activities.',
      from: { path: '^services/', pathNot: '^services/worker/' },
      to: { path: '^activities/' },
    },
    typesOnly({
      name: 'services-name-workflows-as-types-only',
      from: '^services/',
      to: '^workflows/',
      // acceptance-messages.ts: the acceptance's Update and Query, beside messages.ts (definitions only, too).
      toNot: '^workflows/(acceptance-)?messages\\.ts$',
      comment: 'Services start workflows by type name and talk to them through workflows/messages (and acceptance-messages).',
    }),
    {
      name: 'only-infra-tests-bench-import-infra',
      severity: 'error',
      comment: 'infra/ starts and wires the stack; the application does not depend on how it is run.',
      from: { pathNot: '^(infra|tests|bench)/' },
      to: { path: '^infra/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // prisma/generated is a link to the shared install: keep its own path, and do not cruise into it.
    preserveSymlinks: true,
    doNotFollow: { path: ['node_modules', '^prisma/generated/'] },
    exclude: { path: ['^node_modules/', '\\.data/'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
    },
  },
};
