import crypto from 'node:crypto';
import { enqueueOnce } from '../../lib/outbox';
import { createDatabase, type Database } from '../../lib/db';
import { createLogger } from '../../lib/logger';
import { listenForQueuedMail } from '../../services/mailer/listen';
import { eventually } from '../support/fixtures';

// The mailer delivers as soon as a message is queued: the database announces each queued
// message, and the listener wakes the dispatcher rather than leaving it to its next poll.
// Notifications are per database, and other suites queue mail in the shared one: this suite
// has a database of its own, so every wake it counts is its own doing.

describe('the mailer hears about queued mail', () => {
  const url = process.env.DATABASE_URL!;
  let db: Database;
  beforeAll(async () => {
    db = createDatabase(url);
  });
  afterAll(async () => {
    await db?.$disconnect();
  });

  it('wakes the dispatcher when a message is queued, and not again for a message already queued', async () => {
    let wakes = 0;
    const listener = listenForQueuedMail(url, { wake: () => (wakes += 1) }, createLogger('mailer-test', 'silent'));
    try {
      await listener.listening;
      // Listening wakes it once on its own: what was queued before goes out at once.
      expect(wakes).toBe(1);
      const message = { messageKey: `listen-test:${crypto.randomUUID()}`, applicationId: null, kind: 'draft_resume', attachmentIds: [] };
      const compose = async () => ({ recipient: 'kasserer@faellesbord.dk', subject: 'Test', text: 'Test', html: '<p>Test</p>' });
      expect(await enqueueOnce(db, message, compose)).toEqual({ queued: true });
      await eventually(async () => (wakes >= 2 ? true : undefined), 'the notification of the queued message', 10_000);
      // A retried activity finds the message stored and announces nothing.
      expect(await enqueueOnce(db, message, compose)).toEqual({ queued: false });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(wakes).toBe(2);
    } finally {
      await listener.stop();
    }
  });
});
