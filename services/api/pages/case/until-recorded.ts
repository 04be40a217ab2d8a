import { setTimeout as delay } from 'node:timers/promises';
import type { Database } from '../../../../lib/db';

/** How long a post waits for the process to record what it sent; then the page shows what there is. */
const WAIT_MS = 8_000;
const POLL_MS = 100;

/**
 * Sends something the process receives as a signal, and waits until the process has recorded the
 * change it leads to. A signal returns once Temporal holds it, before the workflow has acted and
 * its activities have written the read model; a page shown straight after would still offer the
 * form and say "waiting for your answer", and people send twice. Returns false when the change
 * was not recorded in time (the page then shows the case as the read model has it).
 */
export async function untilRecorded(db: Database, applicationId: string, eventTypes: readonly string[], send: () => Promise<void>): Promise<boolean> {
  const before = await db.caseEvent.aggregate({ where: { applicationId }, _max: { id: true } });
  const after = before._max.id ?? 0n;
  await send();
  const giveUpAt = Date.now() + WAIT_MS;
  for (;;) {
    const recorded = await db.caseEvent.findFirst({ where: { applicationId, id: { gt: after }, type: { in: [...eventTypes] } }, select: { id: true } });
    if (recorded) return true;
    if (Date.now() >= giveUpAt) return false;
    await delay(POLL_MS);
  }
}
