import { Router, type Request, type Response } from 'express';
import { formatCaseReference } from '../../../../domain/reference';
import { describeReportRequirement } from '../../../../documents/letter';
import { recordAccessMany, recordAudit } from '../../audit/log';
import { ApiError } from '../../http/errors';
import { applicationIdOf } from '../../http/case-access';
import { may, staffOf } from '../../http/staff';
import { CSRF_FIELD } from '../../http/csrf';
import { currentReportState, reviewReport } from '../../casework/actions';
import { hiddenField, textArea, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { pageLanguage } from '../page-language';
import { sendStaffPage, staffCsrfToken } from '../staff/shell';
import { MESSAGE_MAX_LENGTH } from './case-forms';
import { allowedTo, type CaseRouteDependencies } from './case-routes';
import { formatBytes, formatDateTime, formatDeadline, formatKroner, formatMoney, statusLabel, t, type Language } from '../../../../locale';
import { doneNotice, textOf } from './format';
import { alert } from '../staff/alert';
import { consentAnswer } from './story-section';

interface ReportContent {
  narrative?: string;
  spentKroner?: number;
  participants?: number;
  volunteers?: number;
  story?: string;
  documentIds?: string[];
}

interface ReviewPageState {
  errors?: FieldErrors;
  values?: Record<string, unknown>;
  notice?: SafeHtml;
}

async function showReportsPage(req: Request, res: Response, deps: CaseRouteDependencies, state: ReviewPageState = {}, status = 200): Promise<void> {
  const language = pageLanguage(req, res);
  const staff = staffOf(res)!;
  const cases = await deps.db.application.findMany({
    where: { status: 'REPORT_SUBMITTED' },
    orderBy: { updatedAt: 'asc' },
    take: 100,
    include: {
      reports: { where: { submittedAt: { not: null }, reviewedAt: null }, orderBy: { sequence: 'desc' }, take: 1 },
      documents: { where: { kind: 'report' }, select: { id: true, filename: true, size: true } },
    },
  });
  const waiting = cases.filter((c) => c.reports.length > 0);
  // Accepted with money unspent: the claim is decided on the case page.
  const claims = await deps.db.application.findMany({
    where: { status: 'REPAYMENT_PROPOSED' },
    orderBy: { updatedAt: 'asc' },
    take: 100,
    select: { id: true, referenceNumber: true, submittedAt: true, createdAt: true, organizationName: true, repayments: { orderBy: { reportSequence: 'desc' }, take: 1, select: { proposedOre: true } } },
  });
  await recordAccessMany(deps.db, staff, waiting.map((c) => c.id), 'report_review');
  const csrf = staffCsrfToken(res, deps.cookieSecret);
  const errors = state.errors ?? {};
  sendStaffPage(req, res, deps.site, deps.cookieSecret, {
    title: t(language, 'casework.reportsTitle'),
    language,
    area: 'reports',
    errors,
    main: html`<h1>${t(language, 'casework.reportsTitle')}</h1>
      ${state.notice ?? doneNotice(req, language)}
      <p>${t(language, 'casework.reportsIntro')}</p>
      ${waiting.length
        ? waiting.map((application) => {
            const report = application.reports[0]!;
            const content = (report.content ?? {}) as ReportContent;
            const granted = application.amountGrantedOre ?? 0n;
            const spentOre = BigInt(content.spentKroner ?? 0) * 100n;
            const repaymentOre = granted > spentOre ? granted - spentOre : 0n;
            const documents = application.documents.filter((d) => (content.documentIds ?? []).includes(d.id));
            const reference = formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt);
            const commentField = `comment-${application.id}`;
            const values = state.values?.applicationId === application.id ? state.values : {};
            return html`<article class="gf-card" aria-labelledby="report-${application.id}">
              <h2 class="h3" id="report-${application.id}"><a href="/personale/sager/${application.id}">${reference}</a>: ${application.organizationName}, ${application.projectTitle}</h2>
              <dl class="gf-summary-list">
                <dt>${t(language, 'casework.requirement')}</dt><dd>${describeReportRequirement(report.requirement as never, language)}</dd>
                <dt>${t(language, 'casework.submittedAt')}</dt><dd>${report.submittedAt ? formatDateTime(language, report.submittedAt) : ''} (${t(language, 'casework.dueOn', { at: formatDeadline(language, report.dueAt) })})</dd>
                <dt>${t(language, 'casework.granted')}</dt><dd>${formatMoney(language, granted)}</dd>
                <dt>${t(language, 'casework.spent')}</dt><dd>${formatKroner(language, content.spentKroner ?? 0)}</dd>
                <dt>${t(language, 'casework.repayment')}</dt><dd><strong>${repaymentOre > 0n ? t(language, 'casework.repaymentNote', { amount: formatMoney(language, repaymentOre) }) : t(language, 'casework.noRepayment')}</strong></dd>
                <dt>${t(language, 'casework.reportedParticipants')}</dt><dd>${content.participants ?? ''}</dd>
                <dt>${t(language, 'casework.volunteers')}</dt><dd>${content.volunteers ?? ''}</dd>
                <dt>${t(language, 'casework.narrative')}</dt><dd class="gf-pre">${content.narrative ?? ''}</dd>
                ${content.story
                  ? html`<dt>${t(language, 'casework.story')}</dt><dd class="gf-pre">${content.story}</dd>
                    <dt>${t(language, 'common.consent.storyAnonymous')}</dt><dd>${consentAnswer(report.storyConsent, language)}</dd>`
                  : ''}
                <dt>${t(language, 'casework.documents')}</dt><dd>${documents.length
                  ? html`<ul>${documents.map((d) => html`<li><a href="/api/v1/applications/${application.id}/documents/${d.id}" download>${t(language, 'casework.download', { name: d.filename, size: formatBytes(language, d.size) })}</a></li>`)}</ul>`
                  : t(language, 'casework.noDocuments')}</dd>
              </dl>
              ${may(staff, 'report.review') ? reviewForms(application.id, csrf, values[commentField], errors[commentField], language) : ''}
            </article>`;
          })
        : html`<p>${t(language, 'casework.noReports')}</p>`}
      ${claims.length
        ? html`<h2>${t(language, 'casework.repayment.heading')}</h2>
          <ul>${claims.map((c) => html`<li><a href="/personale/sager/${c.id}#repayment-heading">${formatCaseReference(c.referenceNumber, c.submittedAt ?? c.createdAt)}: ${c.organizationName}</a>, ${formatMoney(language, c.repayments[0]?.proposedOre ?? 0n)}. ${t(language, 'casework.repayment.toDecide')}</li>`)}</ul>`
        : ''}`,
  }, status);
}

/** Accept the report, or send it back with a comment. */
function reviewForms(applicationId: string, csrf: string, comment: unknown, error: string | undefined, language: Language): SafeHtml {
  const commentField = `comment-${applicationId}`;
  return html`<form method="post" action="/personale/opfoelgning/${applicationId}" class="gf-inline-form">
      ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('accept', 'true')}
      <button type="submit" class="button button-primary">${t(language, 'casework.acceptReport')}</button>
    </form>
    <form method="post" action="/personale/opfoelgning/${applicationId}" novalidate>
      ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('accept', 'false')}
      ${textArea({ name: commentField, label: t(language, 'casework.sendBackComment'), language, maxLength: MESSAGE_MAX_LENGTH, rows: 3, value: textOf(comment), error })}
      <button type="submit" class="button button-secondary">${t(language, 'casework.sendBackReport')}</button>
    </form>`;
}

/** Follow-up reports waiting for review: accept (claiming back unspent money) or send back with a comment. */
export function reportReviewPages(deps: CaseRouteDependencies): Router {
  const router = Router();

  router.get('/personale/opfoelgning', (req, res) => showReportsPage(req, res, deps));

  router.post('/personale/opfoelgning/:id', allowedTo(deps, 'report.review'), async (req, res) => {
    const language = pageLanguage(req, res);
    const staff = staffOf(res)!;
    const id = applicationIdOf(req);
    const accept = textOf(req.body?.accept) === 'true';
    const commentField = `comment-${id}`;
    const comment = textOf(req.body?.[commentField]).trim().slice(0, MESSAGE_MAX_LENGTH);
    if (!accept && !comment) {
      return showReportsPage(req, res, deps, { errors: { [commentField]: t(language, 'casework.sendBackRequired') }, values: { ...req.body, applicationId: id } }, 400);
    }
    const stale = async () => {
      const now = await currentReportState(deps.temporal, id);
      const status = now?.status ?? (await deps.db.application.findUnique({ where: { id }, select: { status: true } }))?.status ?? 'CLOSED';
      return showReportsPage(req, res, deps, { notice: alert('warning', t(language, 'casework.stale', { status: statusLabel(language, status) })) }, 409);
    };
    try {
      await reviewReport(deps.temporal, id, staff.email, accept, comment || undefined);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) return stale();
      throw error;
    }
    await recordAudit(deps.db, staff, accept ? 'report.accept' : 'report.send_back', { applicationId: id, details: comment ? { comment } : {} });
    res.redirect(303, `/personale/opfoelgning?udfoert=${accept ? 'accepted' : 'sentBack'}`);
  });

  return router;
}
