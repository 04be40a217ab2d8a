import type { Request } from 'express';
import { formatBytes, formatDate, formatDateTime, formatMoney, hasMessage, statusLabel, t, type Language, type MessageKey } from '../../../../locale';
import type { CaseStatus } from '../../../../domain/status';
import { CSRF_FIELD } from '../../http/csrf';
import { hiddenField, textArea } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { renderPageWithErrors } from '../page-with-errors';
import { casePath } from './access';
import { memberActionLine } from '../../organisation/words';
import type { CaseView } from './model';
import { answerSection, caseSection, grantChangeSection, reconsiderationSection, reportSection } from './action-forms';
import { consultationSection } from './consultation-form';
import { payoutSection } from './payout-section';
import type { CasePageContext, CasePageState } from './page-context';

export type { CasePageContext, CasePageState } from './page-context';

/** The stages an association sees; each status belongs to one. */
const PROCESS_STEPS: { name: 'received' | 'assessment' | 'decision' | 'payment' | 'report' | 'closed'; statuses: CaseStatus[] }[] = [
  { name: 'received', statuses: ['SUBMITTED', 'SCREENING'] },
  { name: 'assessment', statuses: ['AWAITING_APPLICANT', 'AWAITING_COMMENTS', 'IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL'] },
  { name: 'decision', statuses: ['DECIDED', 'RECONSIDERATION_REQUESTED', 'FORWARDED_TO_APPEALS_BOARD', 'AWAITING_ACCEPTANCE'] },
  { name: 'payment', statuses: ['PAYOUT_SCHEDULED', 'PAID'] },
  { name: 'report', statuses: ['REPORT_DUE', 'REPORT_SUBMITTED', 'REPAYMENT_PROPOSED', 'REPAYMENT_DUE'] },
  { name: 'closed', statuses: ['CLOSED'] },
];

function summaryList(rows: [string, SafeHtml | string][]): SafeHtml {
  return html`<dl class="gf-summary-list">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

function processSteps(view: CaseView, language: Language): SafeHtml {
  const rejected = view.decision?.outcome === 'rejected';
  const steps = rejected ? PROCESS_STEPS.slice(0, 3) : PROCESS_STEPS;
  const current = steps.findIndex((step) => step.statuses.includes(view.status));
  if (current < 0) return html``;
  // A rejection ends the case at the decision: that step is then the last, and done.
  return html`<h2 class="h3">${t(language, 'case.overview.processHeading')}</h2>
    <ol class="gf-case-steps">
      ${steps.map((step, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'todo';
        const label = t(language, `case.processStep.${step.name}`);
        return html`<li class="gf-case-step gf-case-step-${state}"${state === 'current' ? html` aria-current="step"` : ''}>
          ${state === 'current' ? html`<strong>${label}</strong>` : label}${
            state === 'done' ? html`<span class="sr-only"> (${t(language, 'case.overview.stepDone')})</span>` : state === 'current' ? html`<span class="sr-only"> (${t(language, 'case.overview.stepCurrent')})</span>` : ''
          }
        </li>`;
      })}
    </ol>`;
}

function timeline(view: CaseView, language: Language): SafeHtml {
  // Only the events the catalogue words for associations; internal steps (reassignment, escalation) are left out.
  const entries = view.timeline.flatMap((event) => {
    // A member of the organisation acted: the other members see who.
    if (event.type === 'member_action') return [{ at: event.occurredAt, text: memberActionLine(language, event.actor, event.details) }];
    const key = `case.event.${event.type}`;
    return hasMessage(language, key) ? [{ at: event.occurredAt, text: t(language, key) }] : [];
  });
  return html`<h2 class="h3">${t(language, 'case.overview.timelineHeading')}</h2>
    <ol class="gf-timeline nobullet-list">
      ${entries.reverse().map(
        (event) => html`<li><time datetime="${event.at.toISOString()}">${formatDateTime(language, event.at)}</time>: ${event.text}</li>`,
      )}
    </ol>`;
}

function documentsSection(view: CaseView, language: Language): SafeHtml {
  return html`<h2 class="h3">${t(language, 'case.overview.documentsHeading')}</h2>
    ${view.documents.length
      ? html`<ul class="nobullet-list">${view.documents.map(
          (document) => html`<li><a class="function-link" href="${casePath(view.id)}/dokumenter/${document.id}" download>${t(language, 'case.overview.download')} ${document.filename}</a> (${formatBytes(language, document.size)})</li>`,
        )}</ul>`
      : html`<p>${t(language, 'case.overview.noDocuments')}</p>`}`;
}

function decisionSection(view: CaseView, language: Language): SafeHtml {
  if (!view.decision) return html``;
  const outcome = view.decision.afvisning
    ? t(language, 'case.decision.afvisning')
    : t(language, `case.decision.outcome.${view.decision.outcome}`, { amount: formatMoney(language, view.decision.amountGrantedOre) });
  return caseSection('decision', t(language, 'case.decision.heading'), html`
    <p><strong>${outcome}</strong> ${t(language, 'case.decision.decidedOn', { date: formatDate(language, view.decision.decidedAt) })}</p>
    ${view.hasLetter ? html`<p><a class="function-link" href="${casePath(view.id)}/afgoerelse.pdf" download>${t(language, 'case.decision.letterLink')}</a></p>` : html`<p>${t(language, 'case.decision.letterPending')}</p>`}
    ${view.letters.length > 1
      ? html`<h3 class="h5">${t(language, 'case.decision.allLetters')}</h3>
        <ul class="nobullet-list">${view.letters.map(
          (letter) => html`<li><a class="function-link" href="${casePath(view.id)}/dokumenter/${letter.id}" download>${letter.filename}</a> (${formatDate(language, letter.createdAt)})</li>`,
        )}</ul>`
      : ''}
`);
}

/** Unspent money: what is being decided, and for a claim the amount, deadline, account and letter, in plain words. */
function repaymentSection(view: CaseView, { language, repaymentAccount, site }: CasePageContext): SafeHtml {
  const r = view.repayment;
  if (!r) return html``;
  const letter = r.letterId ? html`<p><a class="function-link" href="${casePath(view.id)}/dokumenter/${r.letterId}" download>${t(language, 'case.repayment.letterLink')}</a></p>` : '';
  let body: SafeHtml;
  if (!r.outcome) {
    body = html`<p>${t(language, 'case.repayment.proposed', { amount: formatMoney(language, r.proposedOre) })}</p>`;
  } else if (r.outcome === 'waived') {
    body = html`<p>${t(language, 'case.repayment.waived', { unspent: formatMoney(language, r.proposedOre) })}</p>${letter}`;
  } else if (r.outcome === 'carried_over') {
    body = html`<p>${t(language, 'case.repayment.carried_over', { unspent: formatMoney(language, r.proposedOre), newPeriodEnd: r.newPeriodEnd ? formatDate(language, r.newPeriodEnd) : '' })}</p>${letter}`;
  } else if (r.paidOn) {
    body = html`<p>${t(language, 'case.repayment.paid', { amount: formatMoney(language, r.claimedOre), paidOn: formatDate(language, r.paidOn) })}</p>${letter}`;
  } else {
    const [registration = repaymentAccount, account = ''] = repaymentAccount.split(' ');
    body = html`<p><strong>${t(language, 'case.repayment.claim', { amount: formatMoney(language, r.claimedOre), dueAt: r.dueAt ? formatDate(language, r.dueAt) : '' })}</strong></p>
      <p>${t(language, 'case.repayment.howToPay', { municipality: site.municipalityName, reference: view.reference })}</p>
      ${summaryList([
        [t(language, 'case.repayment.label.amount'), formatMoney(language, r.claimedOre)],
        [t(language, 'case.repayment.label.dueAt'), r.dueAt ? formatDate(language, r.dueAt) : ''],
        [t(language, 'case.repayment.label.registration'), registration],
        [t(language, 'case.repayment.label.account'), account],
        [t(language, 'case.repayment.label.message'), view.reference],
      ])}
      ${letter}`;
  }
  return caseSection('repayment', t(language, 'case.repayment.heading'), body);
}

/** What the status means; a payout to the account the organisation gave is said so, not NemKonto. */
function statusExplanation(view: CaseView, language: Language): string {
  const { status } = view;
  if (view.payoutAccount && (status === 'PAYOUT_SCHEDULED' || status === 'PAID')) return t(language, `case.statusExplanationToAccount.${status}`);
  return t(language, `case.statusExplanation.${status}`);
}

/**
 * Who made the application: a volunteer centre's draft for the association, and a self-organised
 * group's case (who applies through whom, and whether the sponsor has confirmed).
 */
function groupNotice(view: CaseView, language: Language): SafeHtml | string {
  const prepared = view.preparedBy ? html`<p>${t(language, 'case.helper.prepared', { by: view.preparedBy, association: view.organizationName })}</p>` : '';
  const group = view.group;
  if (!group) return prepared;
  const names = { group: group.name, sponsor: view.organizationName };
  const confirmation = group.confirmedAt
    ? t(language, 'case.informalGroup.confirmed', { ...names, date: formatDate(language, group.confirmedAt), name: group.confirmedBy ?? '' })
    : t(language, 'case.informalGroup.awaiting', { ...names, email: group.sponsorEmail });
  return html`${prepared}<p>${t(language, 'case.informalGroup.applicant', names)}</p><p>${confirmation}</p>`;
}

export function renderCasePage(view: CaseView, context: CasePageContext, state: CasePageState = {}): string {
  const { language } = context;
  const currentStatus = statusLabel(language, view.status);
  const main = html`
    ${state.warning ? html`<div class="alert alert-warning" role="alert"><div class="alert-body"><p class="alert-text">${state.warning}</p></div></div>` : ''}
    ${state.notice ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${state.notice}</p></div></div>` : ''}
    <span class="caption">${t(language, 'case.overview.title')}</span>
    <h1>${view.projectTitle}</h1>
    ${summaryList([
      [t(language, 'case.overview.reference'), view.reference],
      [t(language, 'case.overview.association'), view.organizationName],
      [t(language, 'case.overview.round'), view.roundName],
      [t(language, 'case.overview.amountRequested'), formatMoney(language, view.amountRequestedOre)],
      [t(language, 'case.overview.submittedAt'), formatDate(language, view.submittedAt)],
      ...(view.payoutAccount ? [[t(language, 'case.payout.account'), view.payoutAccount] as [string, string]] : []),
    ])}
    ${groupNotice(view, language)}
    <p><a class="function-link" href="${casePath(view.id)}/ansoegning.pdf" download>${t(language, 'case.overview.applicationCopy')}</a></p>
    <div class="alert alert-info mt-6" id="case-status">
      <div class="alert-body">
        <h2 class="alert-heading">${t(language, 'case.overview.statusHeading')}: ${currentStatus}</h2>
        <p class="alert-text">${statusExplanation(view, language)}</p>
        ${view.expectedAnswerBy
          ? html`<p class="alert-text"><strong>${t(language, 'case.overview.expectedAnswer')}: ${formatDate(language, view.expectedAnswerBy)}.</strong> ${t(language, 'case.overview.expectedAnswerHint')}</p>`
          : ''}
      </div>
    </div>
    ${processSteps(view, language)}
    ${answerSection(view, context, state)}
    ${consultationSection(view, context, state)}
    ${reportSection(view, context, state)}
    ${repaymentSection(view, context)}
    ${decisionSection(view, language)}
    ${payoutSection(view, language)}
    ${reconsiderationSection(view, context, state)}
    ${grantChangeSection(view, context, state)}
    <div class="mt-7">${timeline(view, language)}</div>
    <div class="mt-7">${documentsSection(view, language)}</div>
    ${view.canWithdraw
      ? caseSection(
          'withdraw',
          t(language, 'case.withdraw.heading'),
          html`<p>${t(language, 'case.withdraw.intro')}</p>
            <p><a class="button button-secondary" href="${casePath(view.id)}/traek-tilbage">${t(language, 'case.withdraw.link')}</a></p>`,
        )
      : ''}
    ${view.canDeclineGrant
      ? caseSection(
          'decline',
          t(language, 'case.decline.heading'),
          html`<p>${t(language, 'case.decline.intro')}</p>
            <p><a class="button button-secondary" href="${casePath(view.id)}/sig-nej-tak">${t(language, 'case.decline.link')}</a></p>`,
        )
      : ''}`;
  const title = `${t(language, 'case.overview.title')}: ${view.projectTitle}`;
  return renderPageWithErrors(context.req, context.site, { title, language, main, errors: state.errors ?? {} });
}

export function renderWithdrawConfirmation(view: CaseView, context: CasePageContext, state: CasePageState = {}): string {
  const { language } = context;
  const errors = state.errors ?? {};
  const main = html`
    <span class="caption">${view.projectTitle}</span>
    <h1>${t(language, 'case.withdraw.confirmTitle')}</h1>
    <p>${t(language, 'case.withdraw.confirmBody')}</p>
    <form method="post" action="${casePath(view.id)}/traek-tilbage" novalidate>
      ${hiddenField(CSRF_FIELD, context.csrf)}
      ${textArea({ name: 'reason', label: t(language, 'case.withdraw.reason'), hint: t(language, 'case.withdraw.reasonHint'), language, optional: true, maxLength: 2000, rows: 4, value: state.values?.reason, error: errors.reason })}
      <button type="submit" class="button button-primary">${t(language, 'case.withdraw.confirm')}</button>
      <a class="button button-secondary" href="${casePath(view.id)}">${t(language, 'case.withdraw.cancel')}</a>
    </form>`;
  return renderPageWithErrors(context.req, context.site, { title: t(language, 'case.withdraw.confirmTitle'), language, main, errors });
}

/** The step before a grant is declined: what it means, and why (required). */
export function renderDeclineConfirmation(view: CaseView, context: CasePageContext, state: CasePageState = {}): string {
  const { language } = context;
  const errors = state.errors ?? {};
  const main = html`
    <span class="caption">${view.projectTitle}</span>
    <h1>${t(language, 'case.decline.confirmTitle')}</h1>
    <p>${t(language, 'case.decline.confirmBody')}</p>
    <form method="post" action="${casePath(view.id)}/sig-nej-tak" novalidate>
      ${hiddenField(CSRF_FIELD, context.csrf)}
      ${textArea({ name: 'reasons', label: t(language, 'case.decline.reasons'), hint: t(language, 'case.decline.reasonsHint'), language, maxLength: 4000, rows: 4, value: state.values?.reasons, error: errors.reasons })}
      <button type="submit" class="button button-primary">${t(language, 'case.decline.confirm')}</button>
      <a class="button button-secondary" href="${casePath(view.id)}">${t(language, 'case.decline.cancel')}</a>
    </form>`;
  return renderPageWithErrors(context.req, context.site, { title: t(language, 'case.decline.confirmTitle'), language, main, errors });
}

/** Shown for a missing, wrong or expired link: what to do, not a bare error code. */
export type NoAccessKind = 'forbidden' | 'no_link' | 'expired' | 'revoked';

const NO_ACCESS_TEXTS = {
  forbidden: ['case.access.noAccessTitle', 'case.access.noAccessBody'],
  no_link: ['case.access.openLinkTitle', 'case.access.openLinkBody'],
  expired: ['case.access.expiredTitle', 'case.access.expiredBody'],
  revoked: ['case.access.revokedTitle', 'case.access.revokedBody'],
} as const satisfies Record<NoAccessKind, readonly [MessageKey, MessageKey]>;

/** Why the case does not open, with a form that mails a new link to the address the application gave. */
export function renderNoAccess(req: Request, site: SiteSettings, language: Language, kind: NoAccessKind, newLink: { action: string; csrf: string }): string {
  const [titleKey, bodyKey] = NO_ACCESS_TEXTS[kind];
  const title = t(language, titleKey);
  return renderPage(req, site, {
    title,
    language,
    main: html`<h1>${title}</h1><p>${t(language, bodyKey)}</p>
      <form method="post" action="${newLink.action}">
        <input type="hidden" name="_csrf" value="${newLink.csrf}">
        <p>${t(language, 'case.newLink.explain')}</p>
        <button type="submit" class="button button-primary">${t(language, 'case.newLink.send')}</button>
      </form>`,
  });
}
