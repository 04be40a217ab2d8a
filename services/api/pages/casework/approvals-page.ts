import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { formatCaseReference } from '../../../../domain/reference';
import type { DecisionOutcome, RoundState } from '../../../../workflows/messages';
import { recordAccessMany, recordAudit } from '../../audit/log';
import { ApiError } from '../../http/errors';
import { staffOf } from '../../http/staff';
import { applicationIdOf } from '../../http/case-access';
import { answerApproval } from '../../casework/actions';
import { confirmAllocation, roundAllocation, type AllocationDecisions } from '../../casework/allocation';
import { loadQueue, queueFilterSchema } from '../../casework/queue';
import { CSRF_FIELD } from '../../http/csrf';
import { hiddenField, textArea, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { sendStaffPage, staffCsrfToken } from '../staff/shell';
import { MESSAGE_MAX_LENGTH, REASON_TEXT_MAX_LENGTH, approvalForms } from './case-forms';
import { runCaseAction, type CaseRouteDependencies } from './case-routes';
import { showCasePage } from './case-page';
import { slaBadge } from './queue-page';
import { formatDate, formatDateTime, formatMoney, t, type Language } from '../../../../locale';
import { criteriaText, doneNotice, textOf } from './format';
import { alert } from '../staff/alert';
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
      ? html`<ul>${rounds.map((round) => html`<li><a href="/personale/godkendelser/puljer/${round.id}">${round.name}</a>${round.closesAt ? html` (${formatDate(language, round.closesAt, 'medium')})` : ''}</li>`)}</ul>`
      : html`<p>${t(language, 'casework.noDeadlineRounds')}</p>`}
  </section>`;
}

function outcomeFor(requestedOre: number, proposedOre: number): DecisionOutcome {
  return proposedOre >= requestedOre ? 'approved' : proposedOre === 0 ? 'rejected' : 'partially_approved';
}

function allocationTable(state: RoundState, language: Language): SafeHtml {
  let running = 0;
  return html`<table class="table table--compact">
    <caption class="sr-only">${t(language, 'casework.deadlineRounds')}</caption>
    <thead><tr>
      <th scope="col">${t(language, 'casework.reference')}</th><th scope="col">${t(language, 'casework.association')}</th>
      <th scope="col" class="gf-number">${t(language, 'casework.requested')}</th><th scope="col" class="gf-number">${t(language, 'casework.proposed')}</th>
      <th scope="col" class="gf-number">${t(language, 'casework.runningTotal')}</th><th scope="col" class="gf-number">${t(language, 'casework.leftOfBudget')}</th>
    </tr></thead>
    <tbody>${state.proposal.map((line) => {
      running += line.proposedOre;
      return html`<tr>
        <td><a href="/personale/sager/${line.applicationId}">${line.reference}</a></td><td>${line.organizationName}</td>
        <td class="gf-number">${formatMoney(language, BigInt(line.requestedOre))}</td><td class="gf-number">${formatMoney(language, BigInt(line.proposedOre))}</td>
        <td class="gf-number">${formatMoney(language, BigInt(running))}</td><td class="gf-number">${formatMoney(language, BigInt(state.budgetOre - running))}</td>
      </tr>`;
    })}</tbody>
  </table>`;
}

const roundIdSchema = z.uuid();

/** The approver's pages: second signatures, cases past their target, deadline rounds' allocations. */
export function approvalPages(deps: CaseRouteDependencies): Router {
  const router = Router();

  router.get('/personale/godkendelser', async (req, res) => {
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

  router.post('/personale/godkendelser/:id', async (req, res) => {
    const language = pageLanguage(req, res);
    const approve = textOf(req.body?.approve) === 'true';
    const id = applicationIdOf(req);
    const comment = textOf(req.body?.[`comment-${id}`]).trim().slice(0, MESSAGE_MAX_LENGTH);
    if (!approve && !comment) {
      return showCasePage(req, res, deps, id, { form: 'approval', values: req.body, errors: { [`comment-${id}`]: t(language, 'casework.commentRequired') } }, 400);
    }
    await runCaseAction(req, res, deps, 'approval', async (applicationId) => {
      await answerApproval(deps.temporal, applicationId, staffOf(res)!.email, approve, comment || undefined);
      return { done: approve ? 'approved' : 'returned', audit: { action: approve ? 'decision.approve' : 'decision.return', details: comment ? { comment } : {} } };
    });
  });

  async function showAllocation(req: Request, res: Response, extra: { errors?: FieldErrors; notice?: SafeHtml; reasons?: string } = {}, status = 200) {
    const language = pageLanguage(req, res);
    const roundId = roundIdSchema.safeParse(req.params.roundId);
    const round = roundId.success ? await deps.db.fundingRound.findUnique({ where: { id: roundId.data } }) : null;
    if (!round) throw new ApiError(404, 'not_found', 'errors.round.notFound');
    let state: RoundState | null = null;
    try {
      state = await roundAllocation(deps.temporal, round.id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    const total = state ? state.proposal.reduce((sum, line) => sum + line.proposedOre, 0) : 0;
    const needsReasons = state?.proposal.some((line) => line.proposedOre < line.requestedOre) ?? false;
    const errors = extra.errors ?? {};
    const title = t(language, 'casework.allocationOf', { round: round.name });
    sendStaffPage(req, res, deps.site, deps.cookieSecret, {
      title,
      language,
      area: 'approvals',
      errors,
      main: html`<p><a href="/personale/godkendelser" class="back-link">${t(language, 'casework.approvalsTitle')}</a></p>
        <h1>${title}</h1>
        ${extra.notice ?? doneNotice(req, language)}
        ${!state
          ? html`<p>${t(language, 'casework.roundNotStarted')}</p>`
          : html`<p>${t(language, `casework.roundStatus.${state.status}`, { closesAt: formatDateTime(language, state.closesAt), by: state.confirmedBy ?? '' })}</p>
              <p>${t(language, 'casework.budgetLine', { budget: formatMoney(language, BigInt(state.budgetOre)), total: formatMoney(language, BigInt(total)) })}</p>
              ${state.proposal.length ? allocationTable(state, language) : ''}
              ${state.status === 'CLOSED' && !state.confirmedBy
                ? html`<form method="post" action="/personale/godkendelser/puljer/${round.id}" novalidate>
                    ${hiddenField(CSRF_FIELD, staffCsrfToken(res, deps.cookieSecret))}
                    ${needsReasons ? textArea({ name: 'reasons', label: t(language, 'casework.allocationReasons'), hint: t(language, 'casework.allocationReasonsHint'), language, maxLength: REASON_TEXT_MAX_LENGTH, value: extra.reasons, error: errors.reasons }) : ''}
                    <button type="submit" class="button button-primary">${t(language, 'casework.confirmAllocation')}</button>
                  </form>`
                : ''}`}`,
    }, status);
  }

  router.get('/personale/godkendelser/puljer/:roundId', (req, res) => showAllocation(req, res));

  router.post('/personale/godkendelser/puljer/:roundId', async (req, res) => {
    const language = pageLanguage(req, res);
    const staff = staffOf(res)!;
    const roundId = roundIdSchema.safeParse(req.params.roundId);
    if (!roundId.success) throw new ApiError(404, 'not_found', 'errors.round.notFound');
    const reasons = textOf(req.body?.reasons).trim().slice(0, REASON_TEXT_MAX_LENGTH);
    let state: RoundState;
    try {
      state = await roundAllocation(deps.temporal, roundId.data);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return showAllocation(req, res, {}, 404);
      throw error;
    }
    if (state.status !== 'CLOSED' || state.confirmedBy) return showAllocation(req, res, { notice: alert('warning', t(language, `casework.roundStatus.${state.status}`, { closesAt: formatDateTime(language, state.closesAt), by: state.confirmedBy ?? '' })) }, 409);
    if (state.proposal.some((line) => line.proposedOre < line.requestedOre) && !reasons) {
      return showAllocation(req, res, { errors: { reasons: t(language, 'casework.allocationReasonsRequired') }, reasons }, 400);
    }
    // The proposal as shown is what is confirmed: each line's outcome follows from its amounts.
    const decisions: AllocationDecisions = state.proposal.map((line) => {
      const outcome = outcomeFor(line.requestedOre, line.proposedOre);
      return { applicationId: line.applicationId, outcome, amountGranted: Math.floor(line.proposedOre / 100), reasons: { criteria: [], text: outcome === 'approved' ? '' : reasons } };
    });
    try {
      await confirmAllocation(deps.temporal, roundId.data, staff.email, decisions);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) return showAllocation(req, res, { notice: alert('warning', t(language, 'casework.roundStatus.ALLOCATED', { by: '' })) }, 409);
      throw error;
    }
    await recordAudit(deps.db, staff, 'allocation.confirm', { details: { roundId: roundId.data, applications: decisions.length, totalKroner: decisions.reduce((sum, d) => sum + d.amountGranted, 0) } });
    res.redirect(303, `/personale/godkendelser/puljer/${roundId.data}?udfoert=allocated`);
  });

  return router;
}
