import { SmtpSendError } from '../../lib/mailer';
import { classifySendFailure, isPermanentRejection, retryDelayMs } from '../../services/mailer/retry';

describe('the outbox retry policy', () => {
  const policy = { baseMs: 10_000, maxMs: 3_600_000 };

  it('doubles the wait after each failure, up to the cap, with half of it random', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 1))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(30, policy, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(30, policy, () => 0)).toBe(1_800_000);
  });

  it('spreads messages that failed together', () => {
    const waits = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, policy)));
    expect(waits.size).toBeGreaterThan(40);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(20_000);
  });

  it('gives up at once only on a recipient refused for good', () => {
    expect(isPermanentRejection({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanentRejection({ code: 'EENVELOPE', responseCode: 451 })).toBe(false);
    expect(isPermanentRejection({ code: 'EAUTH', responseCode: 535 })).toBe(false);
    expect(isPermanentRejection(new Error('connect ECONNREFUSED'))).toBe(false);
  });

  describe('a failed send, definite or uncertain', () => {
    /** An error as nodemailer reports it, wrapped as the mailer throws it. */
    const failure = (fields: Record<string, unknown>, bodyStarted: boolean) => new SmtpSendError(Object.assign(new Error('failed'), fields), bodyStarted);

    it('is definite when the server answered no, at any step (it did not take the message)', () => {
      expect(classifySendFailure(failure({ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }, false))).toBe('definite');
      expect(classifySendFailure(failure({ code: 'EENVELOPE', responseCode: 554, command: 'DATA' }, false))).toBe('definite');
      // After the whole body: the reply to its end refuses it.
      expect(classifySendFailure(failure({ code: 'EMESSAGE', responseCode: 552, command: 'DATA' }, true))).toBe('definite');
      expect(classifySendFailure(failure({ code: 'EMESSAGE', responseCode: 451, command: 'DATA' }, true))).toBe('definite');
      // The server said 421 and closed.
      expect(classifySendFailure(failure({ code: 'ECONNECTION', responseCode: 421, command: 'CONN' }, true))).toBe('definite');
    });

    it('is definite when nothing of the body had gone out (refused connection, no greeting, a cut envelope, a send given up early)', () => {
      expect(classifySendFailure(failure({ code: 'ECONNECTION', originalCode: 'ECONNREFUSED', command: 'CONN' }, false))).toBe('definite');
      expect(classifySendFailure(failure({ code: 'ETIMEDOUT', command: 'CONN' }, false))).toBe('definite');
      expect(classifySendFailure(failure({ code: 'ECONNECTION', command: 'CONN' }, false))).toBe('definite');
      expect(classifySendFailure(new SmtpSendError(new Error('SMTP send took longer than 40000 ms; given up'), false))).toBe('definite');
    });

    it('is uncertain when the connection broke or timed out once the body was on its way, without an answer', () => {
      expect(classifySendFailure(failure({ code: 'ECONNECTION', command: 'CONN' }, true))).toBe('uncertain');
      expect(classifySendFailure(failure({ code: 'ETIMEDOUT', command: 'CONN' }, true))).toBe('uncertain');
      expect(classifySendFailure(failure({ code: 'ESOCKET', command: 'CONN' }, true))).toBe('uncertain');
      expect(classifySendFailure(new SmtpSendError(new Error('SMTP send took longer than 40000 ms; given up'), true))).toBe('uncertain');
      // A reply code that is no refusal says nothing either.
      expect(classifySendFailure(failure({ code: 'EPROTOCOL', responseCode: 250, command: 'CONN' }, true))).toBe('uncertain');
    });

    it('is uncertain when the error does not say how far the send got', () => {
      expect(classifySendFailure(new Error('socket hang up'))).toBe('uncertain');
      expect(classifySendFailure(undefined)).toBe('uncertain');
    });

    it('keeps nodemailer\'s code and reply for the retry policy', () => {
      const error = failure({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, false);
      expect(error).toMatchObject({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', bodyStarted: false, message: 'failed' });
      expect(isPermanentRejection(error)).toBe(true);
    });
  });
});
