import type { CDPSession, Page } from 'playwright-core';
import { createDatabase } from '../lib/db';
import { launchBrowser } from '../tests/support/browser';
import { createOpenRound } from '../tests/support/fixtures';
import { log, printTable, round1, runBenchmark, writeResults } from './support/output';
import { startBenchStack } from './support/stack';

// npm run bench:first-load — the landing page as a phone on a slow connection sees it: Chromium
// (playwright-core) with DevTools' "Slow 4G" (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up)
// and the CPU slowed 4×. For each run, a fresh browser profile (empty cache) loads the page: bytes
// over the wire (every response, compressed as sent), requests, and the Largest Contentful Paint;
// then the same profile loads it again (warm cache). The API runs as `npm start` runs it, with two
// open rounds on the landing page.
//
//   BENCH_FIRST_LOAD_RUNS   cold loads (default 5; the median is reported)
//   BENCH_FIRST_LOAD_URL    measure this page of a running server instead of starting a stack

const SLOW_4G = { offline: false, latency: 150 * 3.75, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9 };
const CPU_SLOWDOWN = 4;

interface Load {
  bytes: number;
  requests: number;
  lcpMs: number;
  byType: Record<string, number>;
}

async function throttled(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return cdp;
}

async function load(page: Page, cdp: CDPSession, url: string): Promise<Load> {
  const types = new Map<string, string>();
  const cached = new Set<string>();
  const byType: Record<string, number> = {};
  let bytes = 0;
  let requests = 0;
  const onResponse = (event: { requestId: string; type: string; response: { fromDiskCache?: boolean; fromServiceWorker?: boolean } }) => {
    types.set(event.requestId, event.type);
    if (event.response.fromDiskCache) cached.add(event.requestId);
  };
  const onCached = (event: { requestId: string }) => cached.add(event.requestId);
  const onFinished = (event: { requestId: string; encodedDataLength: number }) => {
    if (cached.has(event.requestId)) return;
    requests += 1;
    bytes += event.encodedDataLength;
    const type = types.get(event.requestId) ?? 'Other';
    byType[type] = (byType[type] ?? 0) + event.encodedDataLength;
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.requestServedFromCache', onCached);
  cdp.on('Network.loadingFinished', onFinished);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  const lcpMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]!.startTime);
        }).observe({ type: 'largest-contentful-paint' as 'mark', buffered: true });
      }),
  );
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.requestServedFromCache', onCached);
  cdp.off('Network.loadingFinished', onFinished);
  return { bytes, requests, lcpMs, byType };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kib = (bytes: number) => round1(bytes / 1024);

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_FIRST_LOAD_RUNS ?? 5);
  let url = process.env.BENCH_FIRST_LOAD_URL;
  const stack = url ? undefined : await startBenchStack('first_load', { temporal: true, smtp: false });
  try {
    if (stack) {
      const db = createDatabase(stack.databaseUrl);
      await createOpenRound(db, { maxAmount: 50_000 });
      await createOpenRound(db, { maxAmount: 200_000 });
      await db.$disconnect();
      await stack.startService('api');
      url = `${stack.baseUrl}/`;
    }
    const browser = await launchBrowser();
    const cold: Load[] = [];
    const warm: Load[] = [];
    try {
      for (let run = 0; run < runs; run += 1) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'da-DK' });
        const page = await context.newPage();
        const cdp = await throttled(page);
        cold.push(await load(page, cdp, url!));
        // A later visit from the same phone: a new page, so the back/forward cache plays no part.
        const again = await context.newPage();
        warm.push(await load(again, await throttled(again), url!));
        await context.close();
        log(`run ${run + 1}: ${kib(cold.at(-1)!.bytes)} KiB, LCP ${Math.round(cold.at(-1)!.lcpMs)} ms; warm ${kib(warm.at(-1)!.bytes)} KiB`);
      }
    } finally {
      await browser.close();
    }
    const middle = cold.slice().sort((a, b) => a.bytes - b.bytes)[Math.floor(cold.length / 2)]!;
    const rows = [
      { visit: 'first (empty cache)', 'KiB over the network': kib(median(cold.map((l) => l.bytes))), 'requests over the network': median(cold.map((l) => l.requests)), 'LCP ms (median)': Math.round(median(cold.map((l) => l.lcpMs))) },
      { visit: 'again (warm cache)', 'KiB over the network': kib(median(warm.map((l) => l.bytes))), 'requests over the network': median(warm.map((l) => l.requests)), 'LCP ms (median)': Math.round(median(warm.map((l) => l.lcpMs))) },
    ];
    printTable(`Landing page on Slow 4G with a ${CPU_SLOWDOWN}× slower CPU, ${runs} runs`, rows);
    printTable('First load by resource type (KiB, median run)', Object.entries(middle.byType).map(([type, bytes]) => ({ type, KiB: kib(bytes) })));
    writeResults(
      'first-load',
      [
        { figure: 'landing page, first load', value: `${kib(median(cold.map((l) => l.bytes)))} KiB`, goal: '—', met: null },
        { figure: 'landing page LCP (Slow 4G, 4× CPU)', value: `${Math.round(median(cold.map((l) => l.lcpMs)))} ms`, goal: '≤ 2500 ms', met: median(cold.map((l) => l.lcpMs)) <= 2500 },
      ],
      { url, runs, cold, warm },
    );
  } finally {
    await stack?.stop();
  }
}

runBenchmark(main);
