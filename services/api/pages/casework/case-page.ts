import { GENERATED_DOCUMENT_KINDS } from '../../documents/store';
import type { Request, Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../../lib/db';
import type { ApplicationInput } from '../../../../domain/application-input';
import type { RuleResult } from '../../../../domain/eligibility';
import { budgetCategoryName, describeChecklistItem, describeRuleResult, documentKindName, ruleTitle } from '../../../../locale';
import { formatCaseReference } from '../../../../domain/reference';
import type { CaseState } from '../../../../workflows/messages';
import { recordAccess } from '../../audit/log';
import { ApiError } from '../../http/errors';
import { may, staffOf } from '../../http/staff';
import { currentCaseState } from '../../casework/actions';
import { caseNotes } from '../../casework/notes';
import { latestOverrides } from '../../casework/screening-overrides';
import { decisionTargetMs, slaOf } from '../../casework/sla';
import { type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { sendStaffPage, staffCsrfToken } from '../staff/shell';
import { actionForms, judgeForm, noteForm } from './case-forms';
import { conflictedCaseIds } from '../../casework/conflicts';
import { loadCase, type Allows, type CasePageState, type LoadedCase } from './case-data';
import { slaBadge } from './queue-page';
import { formatBytes, formatDate, formatDateTime, formatDeadline, formatKroner, formatMoney, statusLabel, t, type Language } from '../../../../locale';
import { actorName, criteriaText, doneNotice, eventName } from './format';
import { alert } from '../staff/alert';
import { nameOf } from '../../stats/labels';
import { staffNames, type StaffNameOf } from './people';
import { consultationsSection } from './consultation';
import { afterGrantSection } from './after-grant';
import { consentAnswer, storySection } from './story-section';
import { repaymentSection } from './repayment-forms';
import { grantChangeSection } from './grant-change-forms';

export interface CasePageDependencies {
  db: Database;
  temporal: Client;
  site: SiteSettings;
  cookieSecret: string;
}

/** The workflow's view of the case; a case whose process is gone (or never ran) allows nothing. */
async function caseStateOrNone(temporal: Client, applicationId: string): Promise<CaseState | null> {
  try {
    return await currentCaseState(temporal, applicationId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function definitionList(rows: [string, SafeHtml | string | number | null | undefined][]): SafeHtml {
  return html`<dl class="gf-summary-list">${rows.filter(([, value]) => value !== undefined && value !== null && value !== '').map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

function submissionSection(application: LoadedCase, language: Language): SafeHtml {
  const submission = application.submission as Partial<ApplicationInput>;
  const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? t(language, 'casework.yes') : t(language, 'casework.no'));
  const project = submission.project;
  const budget = submission.budget;
  return html`<section aria-labelledby="application-heading">
    <h2 id="application-heading">${t(language, 'casework.application')}</h2>
    <h3>${t(language, 'casework.organization')}</h3>
    ${definitionList([
      [t(language, 'casework.organization'), application.organizationName],
      [t(language, 'casework.cvr'), application.organizationCvr],
      [t(language, 'casework.email'), application.organizationEmail],
      [t(language, 'casework.phone'), submission.organization?.phone],
      [t(language, 'casework.address'), submission.organization?.address],
    ])}
    <h3>${t(language, 'casework.contact')}</h3>
    ${definitionList([
      [t(language, 'casework.contact'), application.contactName],
      [t(language, 'casework.email'), application.contactEmail],
      [t(language, 'casework.phone'), submission.contact?.phone],
    ])}
    <h3>${t(language, 'casework.activity')}</h3>
    ${definitionList([
      [t(language, 'casework.activity'), application.projectTitle],
      [t(language, 'casework.purpose'), application.projectPurpose],
      [t(language, 'casework.activities'), project?.activities],
      [t(language, 'casework.targetGroup'), nameOf(language, `common.targetGroup.${application.targetGroup}`, application.targetGroup)],
      [t(language, 'casework.period'), `${formatDate(language, application.startDate, 'medium')} – ${formatDate(language, application.endDate, 'medium')}`],
      [t(language, 'casework.place'), project?.place],
      [t(language, 'casework.volunteers'), application.volunteers],
      [t(language, 'casework.participants'), application.expectedParticipants],
      [t(language, 'casework.newActivity'), yesNo(application.isNewActivity)],
      [t(language, 'casework.childrenUnder15'), yesNo(project?.childrenUnder15)],
    ])}
    <h3>${t(language, 'casework.budget')}</h3>
    ${
      budget?.lines?.length
        ? html`<table class="table table--compact">
            <caption class="sr-only">${t(language, 'casework.budget')}</caption>
            <thead><tr><th scope="col">${t(language, 'casework.category')}</th><th scope="col">${t(language, 'casework.description')}</th><th scope="col" class="gf-number">${t(language, 'casework.amount')}</th></tr></thead>
            <tbody>${budget.lines.map(
              (line) => html`<tr><td>${budgetCategoryName(language, line.category)}</td><td>${line.description}</td><td class="gf-number">${formatKroner(language, line.amount)}</td></tr>`,
            )}</tbody>
          </table>`
        : ''
    }
    ${
      budget?.cofinancing?.length
        ? html`<h3>${t(language, 'casework.cofinancing')}</h3>
            <ul>${budget.cofinancing.map((c) => html`<li>${c.source}: ${formatKroner(language, c.amount)} (${t(language, `apply.form.cofinancingStatus.${c.status}`)})</li>`)}</ul>`
        : ''
    }
    ${definitionList([[t(language, 'casework.requested'), formatMoney(language, application.amountRequestedOre)]])}
    <h3>${t(language, 'casework.declarations')}</h3>
    ${definitionList([
      [t(language, 'casework.truthful'), yesNo(submission.declarations?.truthful)],
      [t(language, 'casework.childCertificates'), yesNo(submission.declarations?.childCertificates)],
      [t(language, 'common.consent.contactLater'), consentAnswer(application.consentContactLater, language)],
    ])}
  </section>`;
}

function documentLink(applicationId: string, document: { id: string; filename: string; size: number }, language: Language): SafeHtml {
  return html`<a href="/api/v1/applications/${applicationId}/documents/${document.id}" download>${t(language, 'casework.download', { name: document.filename, size: formatBytes(language, document.size) })}</a>`;
}

function answersSection(application: LoadedCase, language: Language): SafeHtml {
  const uploads = application.documents.filter((d) => !(GENERATED_DOCUMENT_KINDS as readonly string[]).includes(d.kind));
  const byId = new Map(uploads.map((d) => [d.id, d]));
  return html`<section aria-labelledby="answers-heading">
    <h2 id="answers-heading">${t(language, 'casework.answers')}</h2>
    ${
      application.informationRequests.length
        ? application.informationRequests.map((request) => {
            const answer = request.answer as { text?: string; documentIds?: string[] } | null;
            return html`<div class="gf-request">
              <h3 class="h4">${t(language, 'casework.requestNumber', { n: request.sequence, at: formatDateTime(language, request.createdAt), by: request.requestedBy })}</h3>
              ${(request.items as string[]).length ? html`<ul>${(request.items as string[]).map((item) => html`<li>${item}</li>`)}</ul>` : ''}
              ${request.message ? html`<p class="gf-pre">${request.message}</p>` : ''}
              <p>${t(language, 'casework.answerBy')}: ${formatDeadline(language, request.answerBy)}</p>
              <h4 class="h5">${t(language, 'casework.answer')}</h4>
              ${
                answer && request.answeredAt
                  ? html`<p class="gf-pre">${answer.text ?? ''}</p>
                      ${(answer.documentIds ?? []).map((id) => (byId.get(id) ? html`<p>${documentLink(application.id, byId.get(id)!, language)}</p>` : ''))}
                      <p class="gf-muted">${formatDateTime(language, request.answeredAt)}</p>`
                  : html`<p>${request.lapsedAt ? t(language, 'casework.lapsed') : t(language, 'casework.notAnswered')}</p>`
              }
            </div>`;
          })
        : html`<p>${t(language, 'casework.noRequests')}</p>`
    }
    <h3>${t(language, 'casework.documents')}</h3>
    ${uploads.length ? html`<ul>${uploads.map((d) => html`<li>${documentLink(application.id, d, language)} <span class="gf-muted">(${documentKindName(language, d.kind)}, ${formatDateTime(language, d.createdAt)})</span></li>`)}</ul>` : html`<p>${t(language, 'casework.noDocuments')}</p>`}
  </section>`;
}

function resultLabel(outcome: string, language: Language): string {
  return outcome === 'pass' || outcome === 'fail' || outcome === 'needs_judgement' ? t(language, `casework.result.${outcome}`) : outcome;
}

function checksSection(application: LoadedCase, state: CasePageState, csrf: string, allows: Allows, language: Language): SafeHtml {
  const screening = application.screenings[0];
  if (!screening) return html`<section aria-labelledby="checks-heading"><h2 id="checks-heading">${t(language, 'casework.checks')}</h2><p>${t(language, 'casework.notScreened')}</p></section>`;
  const rules = ((screening.results as { rules?: RuleResult[] }).rules ?? []) as RuleResult[];
  const checklist = (screening.checklist as { rule: string; labelKey: string }[]) ?? [];
  const overrides = latestOverrides(screening.overrides);
  const judged = (code: string) => {
    const override = overrides.get(code);
    return override ? html`<br><strong>${t(language, 'casework.overriddenBy', { result: resultLabel(override.result, language), by: override.by, at: formatDateTime(language, override.at), reason: override.reason })}</strong>` : '';
  };
  return html`<section aria-labelledby="checks-heading">
    <h2 id="checks-heading">${t(language, 'casework.checks')}</h2>
    <table class="table table--compact">
      <caption class="sr-only">${t(language, 'casework.checks')}</caption>
      <thead><tr><th scope="col">${t(language, 'casework.rule')}</th><th scope="col">${t(language, 'casework.result')}</th><th scope="col">${t(language, 'casework.reason')}</th></tr></thead>
      <tbody>${rules.map(
        (rule) => html`<tr>
          <td>${ruleTitle(language, rule.rule)}</td>
          <td><span class="badge badge-${rule.outcome === 'pass' ? 'success' : rule.outcome === 'fail' ? 'error' : 'warning'}">${resultLabel(rule.outcome, language)}</span></td>
          <td>${describeRuleResult(language, rule)}${judged(rule.rule)}</td>
        </tr>`,
      )}</tbody>
    </table>
    <h2 id="checklist-heading">${t(language, 'casework.checklist')}</h2>
    <table class="table table--compact" aria-labelledby="checklist-heading">
      <thead><tr><th scope="col">${t(language, 'casework.rule')}</th><th scope="col">${t(language, 'casework.description')}</th><th scope="col">${t(language, 'casework.result')}</th></tr></thead>
      <tbody>${checklist.map(
        (item) => html`<tr>
          <td>${ruleTitle(language, item.rule)}</td>
          <td>${describeChecklistItem(language, item)}</td>
          <td>${overrides.has(item.rule) ? judged(item.rule) : t(language, 'casework.notJudged')}</td>
        </tr>`,
      )}</tbody>
    </table>
    ${allows('case.judgeScreening') ? judgeForm(application.id, [...rules.map((r) => r.rule), ...checklist.map((c) => c.rule)], state, csrf, language) : ''}
  </section>`;
}

function decisionsSection(application: LoadedCase, who: StaffNameOf, language: Language): SafeHtml {
  if (!application.decisions.length) return html``;
  const letter = application.documents.some((d) => d.kind === 'decision_letter');
  return html`<section aria-labelledby="decisions-heading">
    <h2 id="decisions-heading">${t(language, 'casework.decisions')}</h2>
    <ul>${application.decisions.map((d) => {
      const reasons = d.reasons as { criteria?: string[]; text?: string };
      return html`<li>
        ${t(language, 'casework.decidedBy', { outcome: nameOf(language, `common.outcome.${d.outcome}`, d.outcome), amount: formatMoney(language, d.amountGrantedOre), by: who(d.decidedBy), at: formatDateTime(language, d.decidedAt) })}
        ${reasons.criteria?.length ? html`<br>${t(language, 'casework.criteria')}: ${criteriaText(application.round, reasons.criteria, language)}` : ''}
        ${reasons.text ? html`<br><span class="gf-pre">${reasons.text}</span>` : ''}
        ${d.approvedBy && d.approvedAt ? html`<br>${t(language, 'casework.approvedBy', { by: who(d.approvedBy), at: formatDateTime(language, d.approvedAt) })}` : ''}
        ${d.returnedBy && d.returnedAt ? html`<br>${t(language, 'casework.returnedBy', { by: d.returnedBy, at: formatDateTime(language, d.returnedAt), comment: d.approverComment ?? '' })}` : ''}
      </li>`;
    })}</ul>
    ${letter ? html`<p><a href="/api/v1/applications/${application.id}/letter.pdf" download>${t(language, 'casework.letter')}</a></p>` : ''}
    ${lettersList(application, language)}
  </section>`;
}

/** Once a decision was reconsidered, every letter of the case: each decision's and each answer's. */
function lettersList(application: LoadedCase, language: Language): SafeHtml {
  const letters = application.documents.filter((d) => (GENERATED_DOCUMENT_KINDS as readonly string[]).includes(d.kind));
  if (letters.length < 2) return html``;
  return html`<h3 class="h5">${t(language, 'casework.reconsideration.allLetters')}</h3>
    <ul>${letters.map((d) => html`<li>${documentLink(application.id, d, language)} (${formatDateTime(language, d.createdAt)})</li>`)}</ul>`;
}

function timelineSection(application: LoadedCase, language: Language): SafeHtml {
  return html`<section aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">${t(language, 'casework.timeline')}</h2>
    <table class="table table--compact">
      <caption class="sr-only">${t(language, 'casework.timeline')}</caption>
      <thead><tr><th scope="col">${t(language, 'casework.when')}</th><th scope="col">${t(language, 'casework.event')}</th><th scope="col">${t(language, 'casework.who')}</th></tr></thead>
      <tbody>${application.events.map(
        (event) => html`<tr>
          <td>${formatDateTime(language, event.occurredAt)}</td>
          <td>${event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus ? `${statusLabel(language, event.fromStatus)} → ${statusLabel(language, event.toStatus)}` : event.toStatus ? statusLabel(language, event.toStatus) : ''}
            ${eventName(language, event.type) ? html`<span class="gf-muted">(${eventName(language, event.type)})</span>` : ''}</td>
          <td>${actorName(language, event.actor)}</td>
        </tr>`,
      )}</tbody>
    </table>
  </section>`;
}

async function notesSection(db: Database, application: LoadedCase, state: CasePageState, csrf: string, allows: Allows, language: Language): Promise<SafeHtml> {
  const notes = await caseNotes(db, application.id);
  return html`<section aria-labelledby="notes-heading">
    <h2 id="notes-heading">${t(language, 'casework.notes')}</h2>
    <p>${t(language, 'casework.notesIntro')}</p>
    ${notes.length ? html`<ul class="nobullet-list">${notes.map((note) => html`<li class="gf-note"><p class="gf-pre">${note.text}</p><p class="gf-muted">${t(language, 'casework.noteBy', { name: note.authorName, at: formatDateTime(language, note.createdAt) })}</p></li>`)}</ul>` : html`<p>${t(language, 'casework.noNotes')}</p>`}
    ${allows('case.note') ? noteForm(application.id, state, csrf, language) : ''}
  </section>`;
}

/**
 * The case page: what the association sent and answered, the checks, decisions, timeline and
 * notes, and only the actions the workflow allows now. Every view is in the access log.
 */
export async function showCasePage(req: Request, res: Response, deps: CasePageDependencies, applicationId: string, state: CasePageState = {}, status = 200): Promise<void> {
  const language = pageLanguage(req, res);
  const staff = staffOf(res)!;
  const allows: Allows = (action) => may(staff, action);
  const application = await loadCase(deps.db, applicationId);
  if (!application || !application.submittedAt) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const caseState = await caseStateOrNone(deps.temporal, application.id);
  await recordAccess(deps.db, staff, application.id, 'case_view');
  const csrf = staffCsrfToken(res, deps.cookieSecret);
  const assignee = caseState?.assignee ?? application.assignee;
  const who = await staffNames(deps.db, deps.site, [
    assignee,
    caseState?.proposal?.decidedBy,
    ...application.consultations.map((c) => c.requestedBy),
    ...application.decisions.flatMap((d) => [d.decidedBy, d.approvedBy]),
    ...application.payouts.map((p) => p.confirmedBy),
    ...application.reports.map((r) => r.storyReviewedBy),
  ]);
  const reference = formatCaseReference(application.referenceNumber, application.submittedAt);
  const currentStatus = caseState?.status ?? application.status;
  const underTarget = ['IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL'].includes(currentStatus);
  const now = new Date();
  const waiting = {
    daysWaiting: Math.floor((now.getTime() - application.submittedAt.getTime()) / 86_400_000),
    sla: underTarget ? slaOf(application.submittedAt, decisionTargetMs(application.round.processSettings), now) : null,
  };
  // Inhabilitet: a declared tie to the association shows a notice instead of the action forms.
  const conflicted = (await conflictedCaseIds(deps.db, staff, [application.id])).has(application.id);
  const title = t(language, 'casework.caseTitle', { reference });
  const errors = state.errors ?? {};
  sendStaffPage(req, res, deps.site, deps.cookieSecret, {
    title,
    language,
    area: 'queue',
    errors,
    main: html`
      <p><a href="/personale/sager" class="back-link">${t(language, 'casework.backToQueue')}</a></p>
      <h1>${title}: ${application.projectTitle}</h1>
      ${state.notice ?? doneNotice(req, language)}
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading" class="sr-only">${t(language, 'casework.summary')}</h2>
        ${definitionList([
          [t(language, 'casework.association'), application.organizationName],
          [t(language, 'casework.status'), html`<strong>${statusLabel(language, currentStatus)}</strong>`],
          [t(language, 'casework.assignee'), assignee ? who(assignee) : t(language, 'casework.nobody')],
          [t(language, 'casework.round'), application.round.name],
          [t(language, 'casework.requested'), formatMoney(language, application.amountRequestedOre)],
          [t(language, 'casework.submittedAt'), formatDateTime(language, application.submittedAt)],
          [t(language, 'casework.waiting'), slaBadge(waiting, language)],
        ])}
      </section>
      ${conflicted ? alert('warning', t(language, 'staff.ties.conflictedCase')) : actionForms({ application, caseState, staff, who, allows, state, csrf, language })}
      ${repaymentSection(application, caseState, state, csrf, who, allows, language)}
      ${grantChangeSection(application, caseState, state, csrf, allows, language)}
      ${consultationsSection(application, who, language)}
      ${submissionSection(application, language)}
      ${answersSection(application, language)}
      ${checksSection(application, state, csrf, allows, language)}
      ${decisionsSection(application, who, language)}
      ${afterGrantSection(application, who, language)}
      ${storySection(application, who, state, csrf, allows, language)}
      ${timelineSection(application, language)}
      ${await notesSection(deps.db, application, state, csrf, allows, language)}`,
  }, status);
}

/** The plain message for a case that changed while the page was open, with its status now. */
export function staleNotice(status: string, language: Language): SafeHtml {
  return alert('warning', t(language, 'casework.stale', { status: statusLabel(language, status) }));
}
