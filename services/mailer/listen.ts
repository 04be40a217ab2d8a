import { Client } from 'pg';
import { OUTBOX_CHANNEL } from '../../lib/outbox';
import type { OutboxDispatcher } from './dispatcher';
import type { Logger } from '../../lib/logger';

const RELISTEN_AFTER_MS = 5_000;

/**
 * Delivers as soon as a message is queued (LISTEN/NOTIFY) instead of at the next poll; the poll
 * stays as the fallback, so a dropped connection only slows delivery down.
 */
export function listenForQueuedMail(
  databaseUrl: string,
  dispatcher: Pick<OutboxDispatcher, 'wake'>,
  log: Logger,
): { listening: Promise<void>; stop(): Promise<void> } {
  let client: Client | undefined;
  let nowListening: () => void = () => undefined;
  const listening = new Promise<void>((resolve) => {
    nowListening = resolve;
  });
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new Client({ connectionString: databaseUrl });
    let gaveUp = false;
    const retryLater = (error: unknown, message: string) => {
      if (gaveUp) return;
      gaveUp = true;
      log.warn({ err: error }, message);
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      if (!stopped) retry = setTimeout(() => void connect(), RELISTEN_AFTER_MS);
    };
    next.on('notification', () => dispatcher.wake());
    next.on('error', (error) => retryLater(error, 'lost the outbox notifications; polling until reconnected'));
    try {
      await next.connect();
      await next.query(`LISTEN ${OUTBOX_CHANNEL}`);
      client = next;
      nowListening();
      // Whatever was queued while no one listened goes out now, not at the next poll.
      dispatcher.wake();
    } catch (error) {
      retryLater(error, 'could not listen for outbox notifications; polling until it can');
    }
  };
  void connect();
  return {
    listening,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
