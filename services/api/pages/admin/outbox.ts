import { Router, type Request, type Response } from 'express';
import type { Database } from '../../../../lib/db';
import { html, type SafeHtml } from '../../../../lib/html';
import { formatDateTime, t, type Language } from '../../../../locale';
import { resolveSetAside, setAsideMessages, type SetAsideMessage } from '../../admin/outbox';
import { ApiError } from '../../http/errors';
import { staffOf } from '../../http/staff';
import { hiddenField } from '../forms';
import { pageLanguage } from '../page-language';
import { staffPagesFor } from '../staff/access';
import { alert } from '../staff/alert';
import { staffCsrfField } from '../staff/shell';
import { noticeAlert, sendAdminPage, type AdminPageDependencies } from './page';

export const OUTBOX_PATH = '/personale/admin/udbakke';

/**
 * The emails the outbox set aside for a person: those that may or may not have arrived (each with
 * its Message-ID to search the relay's log for, and "Delivered" / "Send again") and the dead
 * letters ("Send again" once the cause is fixed). The same rules and audit rows as the JSON API.
 */
export function outboxPages(deps: AdminPageDependencies & { db: Database }): Router {
  const router = Router();
  const mayResolve = staffPagesFor(deps.site, deps.cookieSecret, 'outbox.resolve');

  function card(res: Response, language: Language, message: SetAsideMessage): SafeHtml {
    const form = (resolution: 'sent' | 'resend', label: string, kind: 'primary' | 'secondary') =>
      html`<form method="post" action="${OUTBOX_PATH}/${message.id}" class="gf-inline-form">
        ${staffCsrfField(res, deps.cookieSecret)}${hiddenField('resolution', resolution)}
        <button type="submit" class="button button-${kind}">${label}</button>
      </form>`;
    return html`<article class="gf-card" aria-labelledby="email-${message.id}">
      <h3 id="email-${message.id}">${message.subject}</h3>
      <dl class="gf-summary-list">
        <dt>${t(language, 'admin.outboxRecipient')}</dt><dd>${message.recipient}</dd>
        <dt>${t(language, 'admin.outboxMessageId')}</dt><dd><code>${message.messageId}</code></dd>
        <dt>${t(language, 'admin.outboxCreated')}</dt><dd>${formatDateTime(language, message.createdAt)}</dd>
        ${message.claimedAt
          ? html`<dt>${t(language, 'admin.outboxClaimed')}</dt><dd>${t(language, 'admin.outboxClaimedBy', { time: formatDateTime(language, message.claimedAt), process: message.claimedBy ?? '–' })}</dd>`
          : ''}
        <dt>${t(language, 'admin.outboxAttempts')}</dt><dd>${message.attempts}</dd>
        ${message.lastError ? html`<dt>${t(language, 'admin.outboxError')}</dt><dd><code>${message.lastError}</code></dd>` : ''}
      </dl>
      <div class="gf-buttons">
        ${message.status === 'uncertain' ? form('sent', t(language, 'admin.outboxMarkSent'), 'primary') : ''}
        ${form('resend', t(language, 'admin.outboxResend'), message.status === 'uncertain' ? 'secondary' : 'primary')}
      </div>
    </article>`;
  }

  async function show(req: Request, res: Response, language: Language, problem?: string, status = 200) {
    const [uncertain, dead] = await Promise.all([setAsideMessages(deps.db, 'uncertain'), setAsideMessages(deps.db, 'dead')]);
    sendAdminPage(deps, req, res, {
      title: t(language, 'admin.outbox'),
      language,
      main: html`
        <h1>${t(language, 'admin.outbox')}</h1>
        ${noticeAlert(req, ['outbox_sent', 'outbox_resend'], language)}
        ${problem ? alert('error', problem) : ''}
        <p>${t(language, 'admin.outboxIntro')}</p>
        <h2>${t(language, 'admin.outboxUncertain')} (${uncertain.length})</h2>
        <p>${t(language, 'admin.outboxUncertainIntro')}</p>
        ${uncertain.length ? uncertain.map((message) => card(res, language, message)) : html`<p>${t(language, 'admin.outboxNoUncertain')}</p>`}
        <h2>${t(language, 'admin.outboxDead')} (${dead.length})</h2>
        <p>${t(language, 'admin.outboxDeadIntro')}</p>
        ${dead.length ? dead.map((message) => card(res, language, message)) : html`<p>${t(language, 'admin.outboxNoDead')}</p>`}`,
    }, status);
  }

  router.get(OUTBOX_PATH, mayResolve, async (req, res) => {
    await show(req, res, pageLanguage(req, res));
  });

  router.post(`${OUTBOX_PATH}/:id`, mayResolve, async (req, res) => {
    const language = pageLanguage(req, res);
    const resolution = typeof req.body?.resolution === 'string' ? req.body.resolution : '';
    try {
      await resolveSetAside(deps.db, staffOf(res)!, String(req.params.id), { resolution }, language);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      return show(req, res, language, error.issues[0]?.message ?? t(language, error.messageKey), error.status);
    }
    res.redirect(303, `${OUTBOX_PATH}?gemt=outbox_${resolution}`);
  });

  return router;
}
