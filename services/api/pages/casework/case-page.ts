import type { Request, Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../../lib/db';
import type { Language } from '../../../../lib/languages';
import type { ApplicationInput } from '../../../../domain/application-input';
import type { RuleResult } from '../../../../domain/eligibility';
import { budgetCategoryName, describeChecklistItem, describeRuleResult } from '../../../../locale';
import { formatCaseReference } from '../../../../domain/reference';
import type { CaseState } from '../../../../workflows/messages';
import { labelOf, OUTCOME_LABELS, TARGET_GROUP_LABELS } from '../../stats/labels';
import { recordAccess } from '../../audit/log';
import { ApiError } from '../../http/errors';
import { hasRole, staffOf } from '../../http/staff';
import { currentCaseState } from '../../casework/actions';
import { caseNotes } from '../../casework/notes';
import { latestOverrides } from '../../casework/screening-overrides';
import { decisionTargetMs, slaOf } from '../../casework/sla';
import { errorSummary, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { sendStaffPage, staffCsrfToken } from '../staff/shell';
import { alert, criteriaText, date, dateTime, doneNotice, fileSize, kroner, kronerFromOre, statusLabel } from './format';
import { actionForms, judgeForm, noteForm, type CaseForm } from './case-forms';
import { slaBadge } from './queue-page';
import { CASEWORK_TEXTS as T, fill } from './texts';

export interface CasePageDependencies {
  db: Database;
  temporal: Client;
  site: SiteSettings;
  cookieSecret: string;
}

/** What a failed or refused action leaves on the page: the form's errors and values, or the stale-state notice. */
export interface CasePageState {
  form?: CaseForm;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
  notice?: SafeHtml;
}

export function loadCase(db: Database, applicationId: string) {
  return db.application.findUnique({
    where: { id: applicationId },
    include: {
      round: true,
      events: { orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] },
      informationRequests: { orderBy: { sequence: 'asc' } },
      decisions: { orderBy: { sequence: 'asc' } },
      documents: { select: { id: true, kind: true, filename: true, size: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
      screenings: { orderBy: { createdAt: 'desc' }, take: 1 },
      reports: { orderBy: { sequence: 'asc' } },
    },
  });
}

export type LoadedCase = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

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
  const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? T.yes[language] : T.no[language]);
  const project = submission.project;
  const budget = submission.budget;
  return html`<section aria-labelledby="application-heading">
    <h2 id="application-heading">${T.application[language]}</h2>
    <h3>${T.organization[language]}</h3>
    ${definitionList([
      [T.organization[language], application.organizationName],
      [T.cvr[language], application.organizationCvr],
      [T.email[language], application.organizationEmail],
      [T.phone[language], submission.organization?.phone],
      [T.address[language], submission.organization?.address],
    ])}
    <h3>${T.contact[language]}</h3>
    ${definitionList([
      [T.contact[language], application.contactName],
      [T.email[language], application.contactEmail],
      [T.phone[language], submission.contact?.phone],
    ])}
    <h3>${T.activity[language]}</h3>
    ${definitionList([
      [T.activity[language], application.projectTitle],
      [T.purpose[language], application.projectPurpose],
      [T.activities[language], project?.activities],
      [T.targetGroup[language], labelOf(TARGET_GROUP_LABELS, application.targetGroup, language)],
      [T.period[language], `${date(application.startDate, language)} – ${date(application.endDate, language)}`],
      [T.place[language], project?.place],
      [T.volunteers[language], application.volunteers],
      [T.participants[language], application.expectedParticipants],
      [T.newActivity[language], yesNo(application.isNewActivity)],
      [T.childrenUnder15[language], yesNo(project?.childrenUnder15)],
    ])}
    <h3>${T.budget[language]}</h3>
    ${
      budget?.lines?.length
        ? html`<table class="table table--compact">
            <caption class="sr-only">${T.budget[language]}</caption>
            <thead><tr><th scope="col">${T.category[language]}</th><th scope="col">${T.description[language]}</th><th scope="col" class="gf-number">${T.amount[language]}</th></tr></thead>
            <tbody>${budget.lines.map(
              (line) => html`<tr><td>${budgetCategoryName(language, line.category)}</td><td>${line.description}</td><td class="gf-number">${kroner(line.amount, language)}</td></tr>`,
            )}</tbody>
          </table>`
        : ''
    }
    ${
      budget?.cofinancing?.length
        ? html`<h3>${T.cofinancing[language]}</h3>
            <ul>${budget.cofinancing.map((c) => html`<li>${c.source}: ${kroner(c.amount, language)} (${c.status})</li>`)}</ul>`
        : ''
    }
    ${definitionList([[T.requested[language], kronerFromOre(application.amountRequestedOre, language)]])}
    <h3>${T.declarations[language]}</h3>
    ${definitionList([
      [T.truthful[language], yesNo(submission.declarations?.truthful)],
      [T.childCertificates[language], yesNo(submission.declarations?.childCertificates)],
      [T.shareStory[language], yesNo(submission.declarations?.shareStory)],
    ])}
  </section>`;
}

function documentLink(applicationId: string, document: { id: string; filename: string; size: number }, language: Language): SafeHtml {
  return html`<a href="/api/v1/applications/${applicationId}/documents/${document.id}" download>${fill(T.download[language], { name: document.filename, size: fileSize(document.size, language) })}</a>`;
}

function answersSection(application: LoadedCase, language: Language): SafeHtml {
  const uploads = application.documents.filter((d) => d.kind !== 'decision_letter');
  const byId = new Map(uploads.map((d) => [d.id, d]));
  return html`<section aria-labelledby="answers-heading">
    <h2 id="answers-heading">${T.answers[language]}</h2>
    ${
      application.informationRequests.length
        ? application.informationRequests.map((request) => {
            const answer = request.answer as { text?: string; documentIds?: string[] } | null;
            return html`<div class="gf-request">
              <h3 class="h4">${fill(T.requestNumber[language], { n: request.sequence, at: dateTime(request.createdAt, language), by: request.requestedBy })}</h3>
              ${(request.items as string[]).length ? html`<ul>${(request.items as string[]).map((item) => html`<li>${item}</li>`)}</ul>` : ''}
              ${request.message ? html`<p class="gf-pre">${request.message}</p>` : ''}
              <p>${T.answerBy[language]}: ${dateTime(request.answerBy, language)}</p>
              <h4 class="h5">${T.answer[language]}</h4>
              ${
                answer && request.answeredAt
                  ? html`<p class="gf-pre">${answer.text ?? ''}</p>
                      ${(answer.documentIds ?? []).map((id) => (byId.get(id) ? html`<p>${documentLink(application.id, byId.get(id)!, language)}</p>` : ''))}
                      <p class="gf-muted">${dateTime(request.answeredAt, language)}</p>`
                  : html`<p>${request.lapsedAt ? T.lapsed[language] : T.notAnswered[language]}</p>`
              }
            </div>`;
          })
        : html`<p>${T.noRequests[language]}</p>`
    }
    <h3>${T.documents[language]}</h3>
    ${uploads.length ? html`<ul>${uploads.map((d) => html`<li>${documentLink(application.id, d, language)} <span class="gf-muted">(${d.kind}, ${dateTime(d.createdAt, language)})</span></li>`)}</ul>` : html`<p>${T.noDocuments[language]}</p>`}
  </section>`;
}

function resultLabel(outcome: string, language: Language): string {
  return outcome === 'pass' || outcome === 'fail' || outcome === 'needs_judgement' ? T[outcome][language] : outcome;
}

function checksSection(application: LoadedCase, state: CasePageState, csrf: string, language: Language): SafeHtml {
  const screening = application.screenings[0];
  if (!screening) return html`<section aria-labelledby="checks-heading"><h2 id="checks-heading">${T.checks[language]}</h2><p>${T.notScreened[language]}</p></section>`;
  const rules = ((screening.results as { rules?: RuleResult[] }).rules ?? []) as RuleResult[];
  const checklist = (screening.checklist as { rule: string; labelKey: string }[]) ?? [];
  const overrides = latestOverrides(screening.overrides);
  const judged = (code: string) => {
    const override = overrides.get(code);
    return override ? html`<br><strong>${fill(T.overriddenBy[language], { result: resultLabel(override.result, language), by: override.by, at: dateTime(override.at, language), reason: override.reason })}</strong>` : '';
  };
  return html`<section aria-labelledby="checks-heading">
    <h2 id="checks-heading">${T.checks[language]}</h2>
    <table class="table table--compact">
      <caption class="sr-only">${T.checks[language]}</caption>
      <thead><tr><th scope="col">${T.rule[language]}</th><th scope="col">${T.result[language]}</th><th scope="col">${T.reason[language]}</th></tr></thead>
      <tbody>${rules.map(
        (rule) => html`<tr>
          <td>${rule.rule}</td>
          <td><span class="badge badge-${rule.outcome === 'pass' ? 'success' : rule.outcome === 'fail' ? 'error' : 'warning'}">${resultLabel(rule.outcome, language)}</span></td>
          <td>${describeRuleResult(language, rule)}${judged(rule.rule)}</td>
        </tr>`,
      )}</tbody>
    </table>
    <h2 id="checklist-heading">${T.checklist[language]}</h2>
    <table class="table table--compact" aria-labelledby="checklist-heading">
      <thead><tr><th scope="col">${T.rule[language]}</th><th scope="col">${T.description[language]}</th><th scope="col">${T.result[language]}</th></tr></thead>
      <tbody>${checklist.map(
        (item) => html`<tr>
          <td>${item.rule}</td>
          <td>${describeChecklistItem(language, item)}</td>
          <td>${overrides.has(item.rule) ? judged(item.rule) : T.notJudged[language]}</td>
        </tr>`,
      )}</tbody>
    </table>
    ${judgeForm(application.id, [...rules.map((r) => r.rule), ...checklist.map((c) => c.rule)], state, csrf, language)}
  </section>`;
}

function decisionsSection(application: LoadedCase, language: Language): SafeHtml {
  if (!application.decisions.length) return html``;
  const letter = application.documents.some((d) => d.kind === 'decision_letter');
  return html`<section aria-labelledby="decisions-heading">
    <h2 id="decisions-heading">${T.decisions[language]}</h2>
    <ul>${application.decisions.map((d) => {
      const reasons = d.reasons as { criteria?: string[]; text?: string };
      return html`<li>
        ${fill(T.decidedBy[language], { outcome: labelOf(OUTCOME_LABELS, d.outcome, language), amount: kronerFromOre(d.amountGrantedOre, language), by: d.decidedBy, at: dateTime(d.decidedAt, language) })}
        ${reasons.criteria?.length ? html`<br>${T.criteria[language]}: ${criteriaText(application.round, reasons.criteria, language)}` : ''}
        ${reasons.text ? html`<br><span class="gf-pre">${reasons.text}</span>` : ''}
        ${d.approvedBy && d.approvedAt ? html`<br>${fill(T.approvedBy[language], { by: d.approvedBy, at: dateTime(d.approvedAt, language) })}` : ''}
        ${d.returnedBy && d.returnedAt ? html`<br>${fill(T.returnedBy[language], { by: d.returnedBy, at: dateTime(d.returnedAt, language), comment: d.approverComment ?? '' })}` : ''}
      </li>`;
    })}</ul>
    ${letter ? html`<p><a href="/api/v1/applications/${application.id}/letter.pdf" download>${T.letter[language]}</a></p>` : ''}
  </section>`;
}

function timelineSection(application: LoadedCase, language: Language): SafeHtml {
  return html`<section aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">${T.timeline[language]}</h2>
    <table class="table table--compact">
      <caption class="sr-only">${T.timeline[language]}</caption>
      <thead><tr><th scope="col">${T.when[language]}</th><th scope="col">${T.event[language]}</th><th scope="col">${T.who[language]}</th></tr></thead>
      <tbody>${application.events.map(
        (event) => html`<tr>
          <td>${dateTime(event.occurredAt, language)}</td>
          <td>${event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus ? `${statusLabel(event.fromStatus, language)} → ${statusLabel(event.toStatus, language)}` : event.toStatus ? statusLabel(event.toStatus, language) : ''}
            <span class="gf-muted">(${event.type.replace(/_/g, ' ')})</span></td>
          <td>${event.actor}</td>
        </tr>`,
      )}</tbody>
    </table>
  </section>`;
}

async function notesSection(db: Database, application: LoadedCase, state: CasePageState, csrf: string, language: Language): Promise<SafeHtml> {
  const notes = await caseNotes(db, application.id);
  return html`<section aria-labelledby="notes-heading">
    <h2 id="notes-heading">${T.notes[language]}</h2>
    <p>${T.notesIntro[language]}</p>
    ${notes.length ? html`<ul class="nobullet-list">${notes.map((note) => html`<li class="gf-note"><p class="gf-pre">${note.text}</p><p class="gf-muted">${fill(T.noteBy[language], { name: note.authorName, at: dateTime(note.createdAt, language) })}</p></li>`)}</ul>` : html`<p>${T.noNotes[language]}</p>`}
    ${noteForm(application.id, state, csrf, language)}
  </section>`;
}

/**
 * The case page: what the association sent and answered, the checks, decisions, timeline and
 * notes, and only the actions the workflow allows now. Every view is in the access log.
 */
export async function showCasePage(req: Request, res: Response, deps: CasePageDependencies, applicationId: string, state: CasePageState = {}, status = 200): Promise<void> {
  const language = pageLanguage(req, res);
  const staff = staffOf(res)!;
  const application = await loadCase(deps.db, applicationId);
  if (!application || !application.submittedAt) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const caseState = await caseStateOrNone(deps.temporal, application.id);
  await recordAccess(deps.db, staff, application.id, 'case_view');
  const csrf = staffCsrfToken(res, deps.cookieSecret);
  const reference = formatCaseReference(application.referenceNumber, application.submittedAt);
  const currentStatus = caseState?.status ?? application.status;
  const underTarget = ['IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL'].includes(currentStatus);
  const now = new Date();
  const waiting = {
    daysWaiting: Math.floor((now.getTime() - application.submittedAt.getTime()) / 86_400_000),
    sla: underTarget ? slaOf(application.submittedAt, decisionTargetMs(application.round.processSettings), now) : null,
  };
  const title = fill(T.caseTitle[language], { reference });
  const errors = state.errors ?? {};
  sendStaffPage(
    req,
    res,
    deps.site,
    deps.cookieSecret,
    {
      title,
      language,
      area: 'queue',
      hasErrors: Object.keys(errors).length > 0,
      main: html`
        <p><a href="/personale/sager" class="back-link">${T.backToQueue[language]}</a></p>
        ${errorSummary(errors, language)}
        <h1>${title}: ${application.projectTitle}</h1>
        ${state.notice ?? doneNotice(req, language)}
        <section aria-labelledby="summary-heading">
          <h2 id="summary-heading" class="sr-only">${T.summary[language]}</h2>
          ${definitionList([
            [T.association[language], application.organizationName],
            [T.status[language], html`<strong>${statusLabel(currentStatus, language)}</strong>`],
            [T.assignee[language], caseState?.assignee ?? application.assignee ?? T.nobody[language]],
            [T.round[language], application.round.name],
            [T.requested[language], kronerFromOre(application.amountRequestedOre, language)],
            [T.submittedAt[language], dateTime(application.submittedAt, language)],
            [T.waiting[language], slaBadge(waiting, language)],
          ])}
        </section>
        ${actionForms({ application, caseState, staff, canApprove: hasRole(staff, 'approver'), state, csrf, language })}
        ${submissionSection(application, language)}
        ${answersSection(application, language)}
        ${checksSection(application, state, csrf, language)}
        ${decisionsSection(application, language)}
        ${timelineSection(application, language)}
        ${await notesSection(deps.db, application, state, csrf, language)}`,
    },
    status,
  );
}

/** The plain message for a case that changed while the page was open, with its status now. */
export function staleNotice(status: string, language: Language): SafeHtml {
  return alert('warning', fill(T.stale[language], { status: statusLabel(status, language) }));
}
