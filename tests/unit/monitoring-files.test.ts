import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import YAML from 'yaml';
import { cachedGoTool, GO_TOOLS } from '../../infra/go-tools';

// The alert rules must parse, name metrics the code (or the Temporal SDK it runs) exports, and
// point at a runbook that exists. With promtool in the cache their PromQL and unit tests run too.

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; runbook: string };
}
const rules = (YAML.parse(read('infra/prometheus/alerts.yml')) as { groups: { rules: Rule[] }[] }).groups.flatMap((group) => group.rules);
const scrape = YAML.parse(read('infra/prometheus/prometheus.yml')) as { rule_files: string[]; scrape_configs: { job_name: string }[] };

/** Metric names an expression reads (not functions, labels or the literal `up`). */
function metricNames(expr: string): string[] {
  return [...new Set([...expr.matchAll(/\b((?:grantflow|http|temporal)_[a-z_]+)\b/g)].map((m) => m[1]!))];
}
const baseName = (metric: string) => metric.replace(/_(bucket|count|sum)$/, '');

describe('the alert rules', () => {
  it('each have a severity, a summary and a runbook in docs/operations.md', () => {
    expect(rules.length).toBeGreaterThanOrEqual(10);
    const anchors = new Set(
      read('docs/operations.md')
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .map((line) => line.replace(/^#+\s*/, '').toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')),
    );
    for (const rule of rules) {
      expect(['warning', 'critical']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(20);
      expect({ alert: rule.alert, runbook: rule.annotations.runbook }).toEqual({ alert: rule.alert, runbook: `docs/operations.md#${rule.alert.toLowerCase()}` });
      expect({ alert: rule.alert, documented: anchors.has(rule.alert.toLowerCase()) }).toEqual({ alert: rule.alert, documented: true });
    }
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it("read only metrics grantflow's API exports", () => {
    const source = execFileSync('git', ['ls-files', 'services', 'lib'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file.endsWith('.ts'))
      .map(read)
      .join('\n');
    const ours = rules.flatMap((rule) => metricNames(rule.expr)).filter((name) => !name.startsWith('temporal_'));
    expect(ours.length).toBeGreaterThanOrEqual(4);
    for (const metric of ours) expect({ metric, exported: source.includes(`'${baseName(metric)}'`) }).toEqual({ metric, exported: true });
  });

  it("read only metrics the worker's Temporal SDK exports", () => {
    // The SDK's Rust core names its metrics; the Prometheus exporter prefixes them with temporal_.
    const releases = path.join(path.dirname(require.resolve('@temporalio/core-bridge/package.json')), 'releases');
    const native = fs.readdirSync(releases).map((platform) => path.join(releases, platform, 'index.node')).find((file) => fs.existsSync(file))!;
    const binary = fs.readFileSync(native).toString('latin1');
    const theirs = rules.flatMap((rule) => metricNames(rule.expr)).filter((name) => name.startsWith('temporal_'));
    expect(theirs.length).toBeGreaterThan(4);
    for (const metric of theirs) {
      const coreName = baseName(metric).replace(/^temporal_/, '');
      expect({ metric, exported: binary.includes(coreName) }).toEqual({ metric, exported: true });
    }
    expect(binary.includes('no_such_grantflow_metric')).toBe(false);
  });

  it('name scrape jobs the Prometheus configuration has, which loads these rules', () => {
    const jobs = new Set(scrape.scrape_configs.map((config) => config.job_name));
    for (const rule of rules) for (const [, job] of rule.expr.matchAll(/job="([^"]+)"/g)) expect(jobs).toContain(job);
    for (const file of scrape.rule_files) expect(fs.existsSync(path.join(ROOT, 'infra/prometheus', file))).toBe(true);
  });

  it('pass promtool: the PromQL, the unit tests in alerts.test.yml, the scrape configuration (when promtool is in the cache)', () => {
    const promtool = cachedGoTool('promtool');
    if (!promtool) {
      process.stderr.write(`promtool ${GO_TOOLS.promtool.version} is not in the cache (npm run go-tools:ensure builds it): the rules were checked without it\n`);
      return;
    }
    const run = (...args: string[]) => execFileSync(promtool, args, { cwd: path.join(ROOT, 'infra/prometheus'), encoding: 'utf8', stdio: 'pipe' });
    expect(run('check', 'rules', 'alerts.yml')).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(run('test', 'rules', 'alerts.test.yml')).toContain('SUCCESS');
    expect(run('check', 'config', '--syntax-only', 'prometheus.yml')).toContain('SUCCESS');
  });
});
