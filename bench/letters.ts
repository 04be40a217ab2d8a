import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { percentile } from '../domain/stats/percentile';
import { printTable, writeResults, runBenchmark, type Headline } from './support/output';
import { renderDecisionLetter, type DecisionLetterData, type DecisionOutcome, type LetterLanguage } from '../documents/letter';

// npm run bench:letters — decision letters rendered per second on one core and on every core,
// and bytes per letter. Goal: ≥ 100 letters per second per core, ≤ 60 KB each.
//
//   BENCH_LETTERS   letters per measurement (default 600)

const OUTCOMES: DecisionOutcome[] = ['approved', 'partially_approved', 'rejected'];
const LANGUAGES: LetterLanguage[] = ['da', 'nb', 'en'];

function sampleLetter(index: number): DecisionLetterData {
  const outcome = OUTCOMES[index % OUTCOMES.length]!;
  const requested = 12_000_00n + BigInt(index % 50) * 1_000_00n;
  const granted = outcome === 'approved' ? requested : outcome === 'partially_approved' ? requested / 2n : 0n;
  return {
    language: LANGUAGES[Math.floor(index / OUTCOMES.length) % LANGUAGES.length]!,
    municipality: {
      name: 'Eksempel Kommune',
      department: 'Social og Sundhed, Frivillighed',
      address: 'Rådhuspladsen 1, 9999 Eksempelby',
      email: 'frivillighed@eksempel.dk',
      phone: '99 99 99 99',
    },
    frame: {
      legalBasis: 'serviceloven § 18',
      guidelines: { name: 'Retningslinjer for tilskud til frivilligt socialt arbejde (§ 18)', adoptedOn: '2026-01-15', adoptedBy: 'Social- og Sundhedsudvalget' },
      decisionMaker: { kind: 'delegation', body: 'Social- og Sundhedsudvalget' },
      contact: { name: 'Karin Holm', phone: '99 99 12 34', email: 'frivillighed@eksempel.dk' },
      reconsiderBy: new Date('2027-03-29T10:00:00Z'),
    },
    glossaryUrl: 'https://tilskud.eksempel.dk/ordliste',
    date: new Date('2027-03-01T10:00:00Z'),
    reference: `GF-2027-${String(index + 1).padStart(5, '0')}`,
    recipient: { organizationName: `Foreningen Fælles Bord ${index}`, cvr: '13748136', contactName: 'Inge Hansen', address: 'Byvej 1, 9999 Eksempelby' },
    roundName: '§ 18-puljen 2027',
    project: { title: 'Fællesspisning for ensomme ældre', startDate: '2027-04-01', endDate: '2027-12-31' },
    outcome,
    amountRequestedOre: requested,
    amountGrantedOre: granted,
    reasons:
      outcome === 'approved'
        ? { criteria: [], text: '' }
        : { criteria: ['Aktiviteten ligger uden for puljens målgruppe for en del af udgifterne'], text: 'Udgifter til transport af deltagere er ikke støtteberettigede efter retningslinjerne, punkt 4.' },
    conditions: outcome === 'rejected' ? [] : ['Tilskuddet skal bruges inden udgangen af 2027.'],
    reporting: outcome === 'rejected' ? undefined : { requirement: 'accounts', dueDate: new Date('2028-03-31T00:00:00Z') },
    payoutDate: outcome === 'rejected' ? undefined : new Date('2027-03-15T00:00:00Z'),
    caseworker: { name: 'Karin Sagsbehandler', email: 'karin@eksempel.dk' },
  };
}

async function renderMany(count: number, offset: number): Promise<{ seconds: number; bytes: number[] }> {
  const bytes: number[] = [];
  // One warm-up letter: font loading happens once per process.
  await renderDecisionLetter(sampleLetter(offset));
  const started = performance.now();
  for (let i = 0; i < count; i += 1) bytes.push((await renderDecisionLetter(sampleLetter(offset + i))).length);
  return { seconds: (performance.now() - started) / 1000, bytes };
}

async function onThreads(threads: number, perThread: number): Promise<{ seconds: number; letters: number }> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: threads }, (_, i) =>
      new Promise<void>((resolve, reject) => {
        // Threads load TypeScript through tsx's CommonJS hook (--import is not passed to workers).
        const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, workerData: { count: perThread, offset: i * perThread } });
        worker.once('message', () => resolve());
        worker.once('error', reject);
      }),
    ),
  );
  return { seconds: (performance.now() - started) / 1000, letters: threads * perThread };
}

async function main(): Promise<void> {
  const count = Number(process.env.BENCH_LETTERS ?? 600);
  const cores = os.availableParallelism();
  const single = await renderMany(count, 0);
  const all = await onThreads(cores, count);
  const perSecondOneCore = count / single.seconds;
  const perSecondAllCores = all.letters / all.seconds;
  const bytesMedian = percentile(single.bytes, 0.5)!;
  const bytesMax = Math.max(...single.bytes);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const headlines: Headline[] = [
    { figure: 'letters per second, one core', value: perSecondOneCore.toFixed(0), goal: '≥ 100', met: perSecondOneCore >= 100 },
    { figure: `letters per second, ${cores} cores (threads)`, value: perSecondAllCores.toFixed(0), goal: `≥ ${100 * cores}`, met: perSecondAllCores >= 100 * cores },
    { figure: 'bytes per letter, median', value: kb(bytesMedian), goal: '≤ 60 KB', met: bytesMedian <= 60 * 1024 },
    { figure: 'bytes per letter, largest', value: kb(bytesMax), goal: '≤ 60 KB', met: bytesMax <= 60 * 1024 },
  ];
  printTable(
    `decision letters, ${count} per measurement (da/nb/en × approved/partial/rejected)`,
    headlines.map((h) => ({ figure: h.figure, value: h.value, goal: h.goal })),
  );
  writeResults('letters', headlines, { letters: count, perSecondOneCore, perSecondAllCores, bytesMedian, bytesMax });
}

if (isMainThread) {
  runBenchmark(main);
} else {
  const { count, offset } = workerData as { count: number; offset: number };
  void renderMany(count, offset).then(() => parentPort!.postMessage('done'));
}
