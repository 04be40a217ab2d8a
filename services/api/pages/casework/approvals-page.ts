import { Router, type Request, type Response } from 'express';
import { formatCaseReference } from '../../../../domain/reference';
import { recordAccessMany } from '../../audit/log';
import { staffOf } from '../../http/staff';
import { applicationIdOf } from '../../http/case-access';
import { answerApproval } from '../../casework/actions';
import { loadQueue, queueFilterSchema } from '../../casework/queue';
import { html, type SafeHtml } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { sendStaffPage, staffCsrfToken } from '../staff/shell';
import { MESSAGE_MAX_LENGTH, approvalForms } from './case-forms';
import { allowedTo, runCaseAction, type CaseRouteDependencies } from './case-routes';
import { showCasePage } from './case-page';
import { slaBadge } from './queue-page';
import { formatDateTime, formatDeadline, formatMoney, t, type Language } from '../../../../locale';
import { criteriaText, doneNotice, textOf } from './format';
import { nameOf } from '../../stats/labels';
import { staffNames } from './people';

async function awaitingSignature(deps: CaseRouteDependencies, req: Request, res: Response, language: Language): Promise<SafeHtml> {
  const staff = staffOf(res)!;
  const cases = await deps.db.application.findMany({
    where: { status: 'AWAITING_APPROVAL' },
    orderBy: { submittedAt: 'asc' },
    take: 100,
    include: { round: { select: { name: true, decisionCriteria: true } }, decisions: { where: { needsApproval: true, approvedAt: null, returnedAt: null }, orderBy: { sequence: 'desc' }, take: 1 } },
  });
  await recordAccessMany(deps.db, staff, cases.map((c) => c.id), 'approval_view');
  const csrf = staffCsrfToken(res, deps.cookieSecret);
  const who = await staffNames(deps.db, deps.site, cases.map((c) => c.decisions[0]?.decidedBy));
  return html`<section aria-labelledby="awaiting-heading">
    <h2 id="awaiting-heading">${t(language, 'casework.awaitingSignature')}</h2>
    ${cases.length
      ? cases.map((application) => {
          const proposal = application.decisions[0];
          const reference = formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt);
          const reasons = (proposal?.reasons ?? {}) as { criteria?: string[]; text?: string };
          return html`<article class="gf-card" aria-labelledby="proposal-${application.id}">
            <h3 class="h4" id="proposal-${application.id}"><a href="/personale/sager/${application.id}">${reference}</a>: ${application.organizationName}, ${application.projectTitle}</h3>
            <p>${t(language, 'casework.requested')}: ${formatMoney(language, application.amountRequestedOre)} · ${application.round.name}</p>
            ${proposal
              ? html`<p><strong>${t(language, 'casework.proposed')}: ${nameOf(language, `common.outcome.${proposal.outcome}`, proposal.outcome)}, ${formatMoney(language, proposal.amountGrantedOre)}</strong><br>
                  ${t(language, 'casework.proposedBy', { by: who(proposal.decidedBy), at: formatDateTime(language, proposal.decidedAt) })}
                  ${reasons.criteria?.length ? html`<br>${t(language, 'casework.criteria')}: ${criteriaText(application.round, reasons.criteria, language)}` : ''}
                  ${reasons.text ? html`<br><span class="gf-pre">${reasons.text}</span>` : ''}</p>
                  ${proposal.decidedBy === staff.email ? html`<p>${t(language, 'casework.ownDecision')}</p>` : approvalForms(application.id, { returnTo: '/personale/godkendelser', csrf, state: {}, language })}`
              : ''}
          </article>`;
        })
      : html`<p>${t(language, 'casework.noneAwaiting')}</p>`}
  </section>`;
}

async function pastTarget(deps: CaseRouteDependencies, res: Response, language: Language): Promise<SafeHtml> {
  const queue = await loadQueue(deps.db, queueFilterSchema.parse({ sla: 'breached', pageSize: '20' }), staffOf(res)!);
  const who = await staffNames(deps.db, deps.site, queue.items.map((item) => item.assignee));
  return html`<section aria-labelledby="past-heading">
    <h2 id="past-heading">${t(language, 'casework.pastTarget')}</h2>
    ${queue.items.length
      ? html`<ul>${queue.items.map((item) => html`<li><a href="/personale/sager/${item.id}">${item.reference}</a>: ${item.organization}, ${item.title} · ${item.assignee ? who(item.assignee) : t(language, 'casework.nobody')} · ${slaBadge(item, language)}</li>`)}</ul>
          <p><a href="/personale/sager?sla=breached">${t(language, 'casework.allPastTarget', { total: queue.total })}</a></p>`
      : html`<p>${t(language, 'casework.nonePastTarget')}</p>`}
  </section>`;
}

async function deadlineRounds(deps: CaseRouteDependencies, language: Language): Promise<SafeHtml> {
  const rounds = await deps.db.fundingRound.findMany({ where: { mode: 'deadline' }, orderBy: { closesAt: 'desc' }, take: 50, select: { id: true, name: true, closesAt: true } });
  return html`<section aria-labelledby="rounds-heading">
    <h2 id="rounds-heading">${t(language, 'casework.deadlineRounds')}</h2>
    ${rounds.length
      ? html`<ul>${rounds.map((round) => html`<li><a href="/personale/godkendelser/puljer/${round.id}">${round.name}</a>${round.closesAt ? html` (${formatDeadline(language, round.closesAt, 'medium')})` : ''}</li>`)}</ul>`
      : html`<p>${t(language, 'casework.noDeadlineRounds')}</p>`}
  </section>`;
}


/** The approver's pages: second signatures, cases past their target, deadline rounds' allocations. */
export function approvalPages(deps: CaseRouteDependencies): Router {
  const router = Router();

  router.get('/personale/godkendelser', allowedTo(deps, 'case.approve'), async (req, res) => {
    const language = pageLanguage(req, res);
    sendStaffPage(req, res, deps.site, deps.cookieSecret, {
      title: t(language, 'casework.approvalsTitle'),
      language,
      area: 'approvals',
      main: html`<h1>${t(language, 'casework.approvalsTitle')}</h1>
        ${doneNotice(req, language)}
        ${await awaitingSignature(deps, req, res, language)}
        ${await pastTarget(deps, res, language)}
        ${await deadlineRounds(deps, language)}`,
    });
  });

  router.post('/personale/godkendelser/:id', allowedTo(deps, 'case.approve'), async (req, res) => {
    const language = pageLanguage(req, res);
    const approve = textOf(req.body?.approve) === 'true';
    const id = applicationIdOf(req);
    const comment = textOf(req.body?.[`comment-${id}`]).trim().slice(0, MESSAGE_MAX_LENGTH);
    if (!approve && !comment) {
      return showCasePage(req, res, deps, id, { form: 'approval', values: req.body, errors: { [`comment-${id}`]: t(language, 'casework.commentRequired') } }, 400);
    }
    await runCaseAction(req, res, deps, 'approval', async (applicationId) => {
      await answerApproval(deps, applicationId, staffOf(res)!, approve, comment || undefined);
      return { done: approve ? 'approved' : 'returned', audit: { action: approve ? 'decision.approve' : 'decision.return', details: comment ? { comment } : {} } };
    });
  });

  return router;
}
