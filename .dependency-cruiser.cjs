/**
 * The project's layering, checked by `npm run deps` (README: "Layers").
 *
 *   lib ← domain ← locale ← documents ← activities, services     (workflows: domain and workflows only)
 *
 * "Type-only" means `import type …`, `import { type … }` or `import('…').T` in a type position:
 * it leaves no trace in the compiled JavaScript, so it may cross a line a runtime import may not
 * (e.g. a workflow naming its activities' signatures). `tsPreCompilationDeps` makes those imports
 * visible at all; the rules below then tell them apart by dependency type.
 */
const TYPE_ONLY = ['type-only', 'type-import'];

/** Everything of ours outside these folders, as a path pattern. */
const oursExcept = (...folders) => `^(?!(?:${folders.join('|')})/)(?:services|activities|domain|lib|workflows|locale|documents|infra|bench|tests|prisma)/`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: each module in it can only be understood (and loaded) together with the others.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-imports-only-lib',
      severity: 'error',
      comment: 'lib/ holds utilities every layer may use, so it imports nothing of ours but lib (and Prisma\'s generated client).',
      from: { path: '^lib/' },
      to: { path: oursExcept('lib', 'prisma/generated') },
    },
    {
      name: 'domain-imports-lib-and-domain',
      severity: 'error',
      comment: 'domain/ holds the pure rules: it imports lib and domain, and names locale types (message keys) only as types.',
      from: { path: '^domain/' },
      to: { path: oursExcept('lib', 'domain', 'locale') },
    },
    {
      name: 'domain-names-locale-as-types-only',
      severity: 'error',
      comment: 'domain/ returns message keys and values; the sentences are the locale layer\'s, above it.',
      from: { path: '^domain/' },
      to: { path: '^locale/', dependencyTypesNot: TYPE_ONLY },
    },
    {
      name: 'locale-imports-lib-domain-locale',
      severity: 'error',
      from: { path: '^locale/' },
      to: { path: oursExcept('lib', 'domain', 'locale') },
    },
    {
      name: 'documents-imports-lib-domain-locale-documents',
      severity: 'error',
      comment: 'documents/ renders letters, briefs, emails and PDFs without I/O, from lib, domain and locale.',
      from: { path: '^documents/' },
      to: { path: oursExcept('lib', 'domain', 'locale', 'documents') },
    },
    {
      name: 'activities-not-services-or-infra',
      severity: 'error',
      from: { path: '^activities/' },
      to: { path: '^(services|infra|bench|tests)/' },
    },
    {
      name: 'activities-name-workflows-as-types-only',
      severity: 'error',
      comment: 'An activity may name a workflow\'s messages (signals, queries) and types, never run workflow code.',
      from: { path: '^activities/' },
      to: { path: '^workflows/', pathNot: '^workflows/messages\\.ts$', dependencyTypesNot: TYPE_ONLY },
    },
    {
      name: 'workflows-import-domain-workflows-temporal',
      severity: 'error',
      comment: 'Workflow code runs in Temporal\'s deterministic sandbox: only domain rules, other workflow modules and @temporalio/workflow.',
      from: { path: '^workflows/' },
      to: { path: oursExcept('domain', 'workflows', 'activities') },
    },
    {
      name: 'workflows-name-activities-as-types-only',
      severity: 'error',
      comment: 'Workflows reach activities through proxyActivities; importing one would pull I/O into the sandbox.',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: TYPE_ONLY },
    },
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
    {
      name: 'services-name-workflows-as-types-only',
      severity: 'error',
      comment: 'Services start workflows by type name and talk to them through workflows/messages.',
      from: { path: '^services/' },
      to: { path: '^workflows/', pathNot: '^workflows/messages\\.ts$', dependencyTypesNot: TYPE_ONLY },
    },
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
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
