import fs from 'node:fs';

// The worker evaluates every module of the workflow bundle again for each workflow it runs (only
// the sandbox's context is reused). A package that builds much at load — zod's schemas above all —
// then costs CPU on every case: a validation schema belongs in its own `*-schema.ts` module, which
// only the API and the activities import.
const PACKAGES_WORKFLOWS_MAY_CARRY = ['@temporalio/workflow', '@temporalio/common', 'nexus-rpc', 'long', 'ms', '@date-fns/tz'];

function packagesIn(bundleCode: string): string[] {
  return [...new Set([...bundleCode.matchAll(/node_modules\/((?:@[^/"]+\/)?[^/"]+)\//g)].map((match) => match[1] ?? ''))].sort();
}

describe('the workflow bundle', () => {
  const code = fs.readFileSync(process.env.GRANTFLOW_TEST_WORKFLOW_BUNDLE!, 'utf8');

  it('carries no package beyond Temporal’s own, the time-zone rules and duration parsing', () => {
    expect(packagesIn(code).filter((name) => !PACKAGES_WORKFLOWS_MAY_CARRY.includes(name))).toEqual([]);
  });

  it('carries none of the validation schemas', () => {
    expect(packagesIn(code)).not.toContain('zod');
    expect(code).not.toMatch(/domain\/[\w-]+-schemas?\.ts/);
  });
});
