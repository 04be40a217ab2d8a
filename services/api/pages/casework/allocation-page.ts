import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { formatCaseReference } from '../../../../domain/reference';
import { BEFORE_DECISION } from '../../../../domain/status';
import type { DecisionOutcome, RoundState } from '../../../../workflows/messages';
import { recordAudit } from '../../audit/log';
import { recordAllocationConfirmed } from '../../audit/allocation-confirmed';
import { ApiError } from '../../http/errors';
import { may, staffOf } from '../../http/staff';
import { answerAllocation, confirmAllocation, roundAllocation, type AllocationDecisions } from '../../casework/allocation';
import { criteriaOf, criterionWording } from '../../casework/decision-check';
import { CSRF_FIELD } from '../../http/csrf';
import { choiceGroup, hiddenField, textArea, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { sendStaffPage, staffCsrfToken } from '../staff/shell';
import { MESSAGE_MAX_LENGTH, REASON_TEXT_MAX_LENGTH } from './case-forms';
import { allowedTo, type CaseRouteDependencies } from './case-routes';
import { formatDateTime, formatDeadline, formatMoney, statusLabel, t, type Language } from '../../../../locale';
import { doneNotice, listOf, textOf } from './format';
import { alert } from '../staff/alert';
import { staffNames, type StaffNameOf } from './people';

// A deadline round's allocation as the approvers see it: the proposal against the budget, the
// confirmation (with the round's criteria and reasons for every reduced grant), the second
// signature above the four-eyes threshold, and the cases the allocation leaves out, which are
// decided one by one on their own case pages.

type Round = { id: string; name: string; decisionCriteria: unknown; fourEyesThresholdOre: bigint };
interface PageExtra {
  errors?: FieldErrors;
  notice?: SafeHtml;
  values?: Record<string, unknown>;
}

const roundIdSchema = z.uuid();
const ownReasonField = (applicationId: string) => `reason-${applicationId}`;

function outcomeFor(requestedOre: number, proposedOre: number): DecisionOutcome {
  return proposedOre >= requestedOre ? 'approved' : proposedOre === 0 ? 'rejected' : 'partially_approved';
}

function statusLine(state: RoundState, who: StaffNameOf, language: Language): string {
  const values = { closesAt: formatDeadline(language, state.closesAt), by: state.confirmedBy ? who(state.confirmedBy) : '' };
  const line = t(language, `casework.roundStatus.${state.status}`, values);
  return state.status === 'ALLOCATED' && state.approvedBy ? `${line} ${t(language, 'casework.allocationApprovedBy', { by: who(state.approvedBy) })}` : line;
}

function allocationTable(state: RoundState, language: Language): SafeHtml {
  const confirmed = new Map((state.decisions ?? []).map((d) => [d.applicationId, d.amountGrantedOre]));
  let running = 0;
  return html`<table class="table table--compact">
    <caption class="sr-only">${t(language, 'casework.deadlineRounds')}</caption>
    <thead><tr>
      <th scope="col">${t(language, 'casework.reference')}</th><th scope="col">${t(language, 'casework.association')}</th>
      <th scope="col" class="gf-number">${t(language, 'casework.requested')}</th><th scope="col" class="gf-number">${t(language, 'casework.proposed')}</th>
      <th scope="col" class="gf-number">${t(language, 'casework.runningTotal')}</th><th scope="col" class="gf-number">${t(language, 'casework.leftOfBudget')}</th>
    </tr></thead>
    <tbody>${state.proposal.map((line) => {
      const amount = confirmed.get(line.applicationId) ?? line.proposedOre;
      running += amount;
      return html`<tr>
        <td><a href="/personale/sager/${line.applicationId}">${line.reference}</a></td><td>${line.organizationName}</td>
        <td class="gf-number">${formatMoney(language, BigInt(line.requestedOre))}</td><td class="gf-number">${formatMoney(language, BigInt(amount))}</td>
        <td class="gf-number">${formatMoney(language, BigInt(running))}</td><td class="gf-number">${formatMoney(language, BigInt(state.budgetOre - running))}</td>
      </tr>`;
    })}</tbody>
  </table>`;
}

/** The confirmation form: the round's criteria and a reason shared by every reduced grant, and each one's own reason. */
function confirmForm(round: Round, state: RoundState, csrf: string, extra: PageExtra, language: Language): SafeHtml {
  const values = extra.values ?? {};
  const errors = extra.errors ?? {};
  const reduced = state.proposal.filter((line) => line.proposedOre < line.requestedOre);
  const criteria = criteriaOf(round);
  return html`<form method="post" action="/personale/godkendelser/puljer/${round.id}" novalidate>
    ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('action', 'confirm')}
    ${reduced.length && criteria.length
      ? choiceGroup({ name: 'criteria', label: t(language, 'casework.allocationCriteria'), hint: t(language, 'casework.allocationCriteriaHint'), language, optional: true, multiple: true, options: criteria.map((c) => ({ value: c.code, label: criterionWording(c, language) })), value: listOf(values.criteria), error: errors.criteria })
      : ''}
    ${reduced.length ? textArea({ name: 'reasons', label: t(language, 'casework.allocationReasons'), hint: t(language, 'casework.allocationReasonsHint'), language, optional: true, maxLength: REASON_TEXT_MAX_LENGTH, value: textOf(values.reasons), error: errors.reasons }) : ''}
    ${reduced.map((line) => textArea({
      name: ownReasonField(line.applicationId),
      label: t(language, 'casework.allocationOwnReason', { reference: line.reference, association: line.organizationName }),
      hint: t(language, 'casework.allocationOwnReasonHint'),
      language,
      optional: true,
      rows: 2,
      maxLength: REASON_TEXT_MAX_LENGTH,
      value: textOf(values[ownReasonField(line.applicationId)]),
      error: errors[ownReasonField(line.applicationId)],
    }))}
    <button type="submit" class="button button-primary">${t(language, 'casework.confirmAllocation')}</button>
  </form>`;
}

/** The second signature: approve, or send back with a comment; not by the approver who confirmed. */
function secondSignatureForms(round: Round, state: RoundState, staffEmail: string, csrf: string, extra: PageExtra, language: Language): SafeHtml {
  if (state.confirmedBy === staffEmail) return html`<p>${t(language, 'casework.allocationOwnConfirmation')}</p>`;
  const errors = extra.errors ?? {};
  return html`<div class="gf-approval">
    <form method="post" action="/personale/godkendelser/puljer/${round.id}" class="gf-inline-form">
      ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('action', 'approve')}
      <button type="submit" class="button button-primary">${t(language, 'casework.approveAllocation')}</button>
    </form>
    <form method="post" action="/personale/godkendelser/puljer/${round.id}" novalidate>
      ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('action', 'return')}
      ${textArea({ name: 'comment', label: t(language, 'casework.allocationReturnComment'), language, maxLength: MESSAGE_MAX_LENGTH, rows: 3, value: textOf(extra.values?.comment), error: errors.comment })}
      <button type="submit" class="button button-secondary">${t(language, 'casework.returnAllocation')}</button>
    </form>
  </div>`;
}

/** The round's cases the allocation leaves out (not ready at the close), and where each stands now. */
async function outsideCases(deps: CaseRouteDependencies, roundId: string, state: RoundState, language: Language): Promise<SafeHtml> {
  const inProposal = state.proposal.map((line) => line.applicationId);
  const told = state.outsideAllocation ?? [];
  const cases = await deps.db.application.findMany({
    where: { roundId, OR: [{ id: { in: told } }, { status: { in: [...BEFORE_DECISION] }, id: { notIn: inProposal } }] },
    orderBy: { referenceNumber: 'asc' },
    select: { id: true, referenceNumber: true, submittedAt: true, createdAt: true, organizationName: true, status: true },
  });
  return html`<section aria-labelledby="outside-heading">
    <h2 id="outside-heading">${t(language, 'casework.outsideHeading')}</h2>
    <p>${t(language, 'casework.outsideExplained')}</p>
    ${cases.length
      ? html`<ul>${cases.map((c) => html`<li><a href="/personale/sager/${c.id}">${formatCaseReference(c.referenceNumber, c.submittedAt ?? c.createdAt)}</a> · ${c.organizationName} · ${statusLabel(language, c.status)}</li>`)}</ul>`
      : html`<p>${t(language, 'casework.outsideNone')}</p>`}
  </section>`;
}

async function showAllocation(deps: CaseRouteDependencies, req: Request, res: Response, extra: PageExtra = {}, status = 200) {
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
  const staff = staffOf(res)!;
  const csrf = staffCsrfToken(res, deps.cookieSecret);
  const who = await staffNames(deps.db, deps.site, [state?.confirmedBy, state?.approvedBy, state?.returned?.by]);
  const total = state ? state.proposal.reduce((sum, line) => sum + line.proposedOre, 0) : 0;
  const title = t(language, 'casework.allocationOf', { round: round.name });
  const returned = state?.status === 'CLOSED' ? state.returned : null;
  sendStaffPage(req, res, deps.site, deps.cookieSecret, {
    title,
    language,
    area: 'approvals',
    errors: extra.errors ?? {},
    main: html`${may(staff, 'case.approve') ? html`<p><a href="/personale/godkendelser" class="back-link">${t(language, 'casework.approvalsTitle')}</a></p>` : ''}
      <h1>${title}</h1>
      ${extra.notice ?? doneNotice(req, language)}
      ${!state
        ? html`<p>${round.closesAt ? t(language, 'casework.roundNoApplicationsYet', { closesAt: formatDeadline(language, round.closesAt) }) : t(language, 'casework.roundWithoutAllocation')}</p>`
        : html`<p>${statusLine(state, who, language)}</p>
            <p>${t(language, 'casework.budgetLine', { budget: formatMoney(language, BigInt(state.budgetOre)), total: formatMoney(language, BigInt(total)) })}</p>
            <p>${t(language, 'casework.fourEyesLine', { threshold: formatMoney(language, round.fourEyesThresholdOre) })}</p>
            ${returned ? alert('warning', t(language, 'casework.allocationReturned', { by: who(returned.by), at: formatDateTime(language, returned.at), comment: returned.comment })) : ''}
            ${state.proposal.length ? allocationTable(state, language) : ''}
            ${state.status === 'CLOSED' && state.proposal.length && may(staff, 'allocation.confirm') ? confirmForm(round, state, csrf, extra, language) : ''}
            ${state.status === 'AWAITING_APPROVAL' && may(staff, 'allocation.approve') ? secondSignatureForms(round, state, staff.email, csrf, extra, language) : ''}
            ${state.status !== 'OPEN' ? await outsideCases(deps, round.id, state, language) : ''}`}`,
  }, status);
}

/** The decisions as the page confirms them: amounts as proposed, reasons for every reduced grant. */
function decisionsFrom(state: RoundState, body: Record<string, unknown>): AllocationDecisions {
  const criteria = listOf(body.criteria);
  const shared = textOf(body.reasons).trim().slice(0, REASON_TEXT_MAX_LENGTH);
  return state.proposal.map((line) => {
    const outcome = outcomeFor(line.requestedOre, line.proposedOre);
    if (outcome === 'approved') return { applicationId: line.applicationId, outcome, amountGranted: Math.floor(line.proposedOre / 100), reasons: { criteria: [], text: '' } };
    const own = textOf(body[ownReasonField(line.applicationId)]).trim().slice(0, REASON_TEXT_MAX_LENGTH);
    return { applicationId: line.applicationId, outcome, amountGranted: Math.floor(line.proposedOre / 100), reasons: { criteria, text: [shared, own].filter(Boolean).join('\n') } };
  });
}

/** A refusal of the API's check, as errors on the page: each failing case on its own reason field. */
function pageErrors(error: ApiError, decisions: AllocationDecisions): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const index = Number(/^decisions\.(\d+)\./.exec(issue.path)?.[1]);
    const decision = Number.isInteger(index) ? decisions[index] : undefined;
    const field = !decision ? 'reasons' : issue.path.endsWith('.criteria') ? 'criteria' : ownReasonField(decision.applicationId);
    errors[field] = errors[field] ? `${errors[field]} ${issue.message}` : issue.message;
  }
  return errors;
}

export function allocationPages(deps: CaseRouteDependencies): Router {
  const router = Router();
  router.get('/personale/godkendelser/puljer/:roundId', allowedTo(deps, 'allocation.read'), (req, res) => showAllocation(deps, req, res));

  // The second signature (approve or return) and the confirmation each ask their own action.
  const allocationAction = (req: Request) => (['approve', 'return'].includes(textOf(req.body?.action)) ? 'allocation.approve' : 'allocation.confirm');
  router.post('/personale/godkendelser/puljer/:roundId', allowedTo(deps, allocationAction), async (req, res) => {
    const language = pageLanguage(req, res);
    const staff = staffOf(res)!;
    const roundId = roundIdSchema.safeParse(req.params.roundId);
    if (!roundId.success) throw new ApiError(404, 'not_found', 'errors.round.notFound');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const action = textOf(body.action) || 'confirm';
    let state: RoundState;
    try {
      state = await roundAllocation(deps.temporal, roundId.data);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return showAllocation(deps, req, res, {}, 404);
      throw error;
    }
    const stale = () => showAllocation(deps, req, res, { notice: alert('warning', t(language, 'casework.allocationChanged')) }, 409);
    try {
      if (action === 'approve' || action === 'return') {
        if (state.status !== 'AWAITING_APPROVAL') return stale();
        const comment = textOf(body.comment).trim().slice(0, MESSAGE_MAX_LENGTH);
        if (action === 'return' && !comment) return showAllocation(deps, req, res, { errors: { comment: t(language, 'casework.commentRequired') }, values: body }, 400);
        const answered = await answerAllocation(deps, roundId.data, staff, action === 'approve', comment || undefined);
        await recordAudit(deps.db, staff, action === 'approve' ? 'allocation.approve' : 'allocation.return', { details: { roundId: roundId.data, conflictOfInterestChecked: true, ...(comment ? { comment } : {}) } });
        return res.redirect(303, `/personale/godkendelser/puljer/${roundId.data}?udfoert=${answered.status === 'ALLOCATED' ? 'allocated' : 'allocationReturned'}`);
      }
      if (state.status !== 'CLOSED') return stale();
      const decisions = decisionsFrom(state, body);
      try {
        const confirmed = await confirmAllocation(deps, roundId.data, staff, decisions, language);
        await recordAllocationConfirmed(deps.db, staff, roundId.data, decisions, confirmed.status);
        return res.redirect(303, `/personale/godkendelser/puljer/${roundId.data}?udfoert=${confirmed.status === 'AWAITING_APPROVAL' ? 'allocationAwaiting' : 'allocated'}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) return showAllocation(deps, req, res, { errors: pageErrors(error, decisions), values: body }, 400);
        throw error;
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const notice =
          error.code === 'same_approver' || error.code === 'conflict_of_interest'
            ? alert('error', t(language, error.code === 'same_approver' ? 'errors.approval.sameAllocationApprover' : 'errors.tie.conflictedAllocation'))
            : alert('warning', t(language, 'casework.allocationChanged'));
        return showAllocation(deps, req, res, { notice }, 409);
      }
      throw error;
    }
  });
  return router;
}
