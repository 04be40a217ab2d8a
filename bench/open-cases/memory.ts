import { residentBytes } from '../support/stack';

// Resident memory of a process over a stretch of time: sampled once a second, so a short peak
// between samples can be missed, but the level the process settles at cannot.

/** Megabytes of 10^6 bytes, the unit the memory goal is stated in. */
export interface RssSummary {
  samples: number;
  maxMB: number | null;
  lastMB: number | null;
}

export interface RssSampler {
  /** Stops sampling and returns what was seen since the sampler started. */
  stop(): RssSummary;
}

const MB = 1_000_000;

export function sampleRss(pid: () => number | undefined, intervalMs = 1000): RssSampler {
  let samples = 0;
  let max: number | null = null;
  let last: number | null = null;
  const take = () => {
    const current = pid();
    const bytes = current === undefined ? undefined : residentBytes(current);
    if (bytes === undefined) return;
    samples += 1;
    last = bytes;
    max = Math.max(max ?? 0, bytes);
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { samples, maxMB: max === null ? null : Math.round(max / MB), lastMB: last === null ? null : Math.round(last / MB) };
    },
  };
}

/** Workflows the worker holds in its cache, from the SDK's own metrics (sticky_cache_size). */
export async function cachedWorkflows(metricsPort: string | undefined): Promise<number | null> {
  if (!metricsPort || metricsPort === '0') return null;
  const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
  if (!response?.ok) return null;
  const values = (await response.text())
    .split('\n')
    .filter((line) => /^temporal_sticky_cache_size[{ ]/.test(line))
    .map((line) => Number(line.split(' ').at(-1)));
  return values.length > 0 ? values.reduce((sum, value) => sum + value, 0) : null;
}
