import { applicantKindLabel, applicantSection } from './applicant-section';
import { GENERATED_DOCUMENT_KINDS } from '../../documents/store';
import type { Request, Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../../lib/db';
import { formatCaseReference } from '../../../../domain/reference';
import type { CaseState } from '../../../../workflows/messages';
import { recordAccess } from '../../audit/log';
import { ApiError } from '../../http/errors';
import { may, staffOf } from '../../http/staff';
import { currentCaseState } from '../../casework/actions';
import { caseNotes } from '../../casework/notes';
import { decisionTargetMs, slaOf } from '../../casework/sla';
import { html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { sendStaffPage, staffCsrfToken } from '../staff/shell';
import { actionForms, actionsSection, noteForm } from './case-forms';
import { answersAndDocuments, checksSection, collapsed, documentLink, factList, submissionSection } from './case-sections';
import { conflictedCaseIds } from '../../casework/conflicts';
import { loadCase, type Allows, type CasePageState, type LoadedCase } from './case-data';
import { slaBadge } from './queue-page';
import { formatDateTime, formatMoney, statusLabel, t, type Language } from '../../../../locale';
import { actorName, criteriaText, doneNotice, eventName } from './format';
import { alert } from '../staff/alert';
import { nameOf } from '../../stats/labels';
import { staffNames, type StaffNameOf } from './people';
import { consultationsSection } from './consultation';
import { afterGrantSection } from './after-grant';
import { acceptanceSection } from './acceptance-section';
import { storySection } from './story-section';
import { repaymentSection } from './repayment-forms';
import { grantChangeSection } from './grant-change-forms';
import { payoutAccountSection } from './payout-account-section';
import { jurisdictionRules } from '../../../../domain/jurisdiction';

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

/** The events that show at once; older ones open on request. */
const RECENT_EVENTS = 3;

function timelineSection(application: LoadedCase, language: Language): SafeHtml {
  const table = (events: LoadedCase['events']) => html`<table class="table table--compact">
      <caption class="sr-only">${t(language, 'casework.timeline')}</caption>
      <thead><tr><th scope="col">${t(language, 'casework.when')}</th><th scope="col">${t(language, 'casework.event')}</th><th scope="col">${t(language, 'casework.who')}</th></tr></thead>
      <tbody>${events.map(
        (event) => html`<tr>
          <td class="gf-nowrap">${formatDateTime(language, event.occurredAt)}</td>
          <td>${event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus ? `${statusLabel(language, event.fromStatus)} → ${statusLabel(language, event.toStatus)}` : event.toStatus ? statusLabel(language, event.toStatus) : ''}
            ${eventName(language, event.type, event.details) ? html`<span class="gf-muted">(${eventName(language, event.type, event.details)})</span>` : ''}</td>
          <td>${actorName(language, event.actor)}</td>
        </tr>`,
      )}</tbody>
    </table>`;
  // A long history: the earlier events fold away above the recent ones, in the same order.
  const earlier = application.events.length > RECENT_EVENTS + 1 ? application.events.slice(0, -RECENT_EVENTS) : [];
  const recent = application.events.slice(earlier.length);
  return html`<section aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">${t(language, 'casework.timeline')}</h2>
    ${earlier.length ? collapsed(t(language, 'casework.earlierEvents', { count: earlier.length }), table(earlier)) : ''}
    ${table(recent)}
  </section>`;
}

async function notesSection(db: Database, application: LoadedCase, state: CasePageState, csrf: string, allows: Allows, language: Language): Promise<SafeHtml> {
  const notes = await caseNotes(db, application.id);
  return html`<section aria-labelledby="notes-heading">
    <h2 id="notes-heading">${t(language, 'casework.notes')}</h2>
    <p>${t(language, 'casework.notesIntro')}</p>
    <div class="gf-columns">
      <div>${notes.length ? html`<ul class="nobullet-list">${notes.map((note) => html`<li class="gf-note"><p class="gf-pre">${note.text}</p><p class="gf-muted">${t(language, 'casework.noteBy', { name: note.authorName, at: formatDateTime(language, note.createdAt) })}</p></li>`)}</ul>` : html`<p>${t(language, 'casework.noNotes')}</p>`}</div>
      <div>${allows('case.note') ? noteForm(application.id, state, csrf, language) : ''}</div>
    </div>
  </section>`;
}

/** Links to the page's sections, the actions first: on a narrow screen they come after the case. */
function sectionLinks(application: LoadedCase, language: Language): SafeHtml {
  const sections: [string, string][] = [
    ['actions-heading', t(language, 'casework.toActions')],
    ['application-heading', t(language, 'casework.application')],
    ['answers-heading', t(language, 'casework.answers')],
    ['documents-heading', t(language, 'casework.documents')],
    ['checks-heading', t(language, 'casework.checks')],
    ...(application.decisions.length ? [['decisions-heading', t(language, 'casework.decisions')] as [string, string]] : []),
    ['timeline-heading', t(language, 'casework.timeline')],
    ['notes-heading', t(language, 'casework.notes')],
  ];
  return html`<nav class="gf-case-nav" aria-label="${t(language, 'casework.sections')}">
    <ul class="nobullet-list no-max-width">${sections.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ul>
  </nav>`;
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
      <h1 class="gf-case-title">${title}: ${application.projectTitle}</h1>
      ${state.notice ?? doneNotice(req, language)}
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading" class="sr-only">${t(language, 'casework.summary')}</h2>
        ${factList([
          [t(language, 'casework.association'), application.groupName ? `${application.groupName} (${application.organizationName})` : application.organizationName],
          [t(language, 'casework.informalGroup.heading'), applicantKindLabel(application, language)],
          [t(language, 'casework.helper.preparedBy'), application.preparedBy ? t(language, 'casework.helper.preparedValue', { by: application.preparedBy, association: application.organizationName }) : undefined],
          [t(language, 'casework.status'), html`<strong>${statusLabel(language, currentStatus)}</strong>`],
          [t(language, 'casework.assignee'), assignee ? who(assignee) : t(language, 'casework.nobody')],
          [t(language, 'casework.round'), application.round.name],
          [t(language, 'casework.requested'), formatMoney(language, application.amountRequestedOre)],
          [t(language, 'casework.submittedAt'), formatDateTime(language, application.submittedAt)],
          [t(language, 'casework.waiting'), slaBadge(waiting, language)],
        ])}
      </section>
      ${sectionLinks(application, language)}
      <div class="gf-case-layout">
        <div class="gf-case-sections">
          ${repaymentSection(application, caseState, state, csrf, who, allows, language)}
          ${grantChangeSection(application, caseState, state, csrf, allows, language)}
          ${consultationsSection(application, who, language)}
          ${applicantSection(application, language)}
          ${submissionSection(application, language, deps.site.jurisdiction)}
          ${answersAndDocuments(application, language)}
          ${checksSection(application, state, csrf, allows, language, deps.site.jurisdiction)}
          ${decisionsSection(application, who, language)}
          ${acceptanceSection(application, language)}
          ${afterGrantSection(application, who, language)}
          ${jurisdictionRules(deps.site.jurisdiction).payout.collectsAccount ? payoutAccountSection(application, state, csrf, allows, language) : ''}
          ${storySection(application, who, state, csrf, allows, language)}
          ${timelineSection(application, language)}
          ${await notesSection(deps.db, application, state, csrf, allows, language)}
        </div>
        <div class="gf-case-actions">
          ${conflicted ? actionsSection([alert('warning', t(language, 'staff.ties.conflictedCase'))], language) : actionForms({ application, caseState, staff, who, allows, state, csrf, language })}
        </div>
      </div>`,
  }, status);
}

/** The plain message for a case that changed while the page was open, with its status now. */
export function staleNotice(status: string, language: Language): SafeHtml {
  return alert('warning', t(language, 'casework.stale', { status: statusLabel(language, status) }));
}
