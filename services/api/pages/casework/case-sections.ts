import { GENERATED_DOCUMENT_KINDS } from '../../documents/store';
import type { ApplicationInput } from '../../../../domain/application-input';
import type { RuleResult } from '../../../../domain/eligibility';
import { budgetCategoryName, describeChecklistItem, describeRuleResult, documentKindName, formatBytes, formatDate, formatDateTime, formatDeadline, formatKroner, formatMoney, lawWording, ruleTitle, t, type Language } from '../../../../locale';
import type { Jurisdiction } from '../../../../domain/jurisdiction';
import { latestOverrides } from '../../casework/screening-overrides';
import { html, type SafeHtml } from '../../../../lib/html';
import { nameOf } from '../../stats/labels';
import { judgeForm } from './case-forms';
import type { Allows, CasePageState, LoadedCase } from './case-data';
import { consentAnswer } from './story-section';

// The caseworker's case page, section by section: what the association sent, what it was asked and
// answered, its documents, and the checks. Each section under its own heading.

type Rows = [string, SafeHtml | string | number | null | undefined][];

function shown(rows: Rows): [string, SafeHtml | string | number][] {
  return rows.filter((row): row is [string, SafeHtml | string | number] => row[1] !== undefined && row[1] !== null && row[1] !== '');
}

/** Each label beside its value (empty values left out). */
export function fieldList(rows: Rows): SafeHtml {
  return html`<dl class="gf-fields">${shown(rows).map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

/** The case in brief: each fact a label over its value, as many to a row as the screen holds. */
export function factList(rows: Rows): SafeHtml {
  return html`<dl class="gf-facts">${shown(rows).map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>`;
}

/** A part of a section shown on request (DKFDS details). */
export function collapsed(summary: string, content: SafeHtml, open = false): SafeHtml {
  return html`<details class="details"${open ? html` open` : ''}><summary class="details-summary">${summary}</summary><div class="details-text">${content}</div></details>`;
}

export function submissionSection(application: LoadedCase, language: Language, law?: Jurisdiction): SafeHtml {
  const submission = application.submission as Partial<ApplicationInput>;
  const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? t(language, 'casework.yes') : t(language, 'casework.no'));
  const project = submission.project;
  const budget = submission.budget;
  return html`<section aria-labelledby="application-heading">
    <h2 id="application-heading">${t(language, 'casework.application')}</h2>
    <div class="gf-columns">
      <div>
        <h3>${t(language, 'casework.organization')}</h3>
        ${fieldList([
          [t(language, 'casework.organization'), application.organizationName],
          [t(language, lawWording('casework.cvr', law)), application.organizationCvr],
          [t(language, 'casework.email'), application.organizationEmail],
          [t(language, 'casework.phone'), submission.organization?.phone],
          [t(language, 'casework.address'), submission.organization?.address],
        ])}
        <h3>${t(language, 'casework.contact')}</h3>
        ${fieldList([
          [t(language, 'casework.contact'), application.contactName],
          [t(language, 'casework.email'), application.contactEmail],
          [t(language, 'casework.phone'), submission.contact?.phone],
        ])}
        <h3>${t(language, 'casework.budget')}</h3>
        ${
          budget?.lines?.length
            ? html`<table class="table table--compact">
                <caption class="sr-only">${t(language, 'casework.budget')}</caption>
                <thead><tr><th scope="col">${t(language, 'casework.category')}</th><th scope="col">${t(language, 'casework.description')}</th><th scope="col" class="gf-number">${t(language, 'casework.amount')}</th></tr></thead>
                <tbody>${budget.lines.map(
                  (line) => html`<tr><td>${budgetCategoryName(language, line.category)}</td><td>${line.description}</td><td class="gf-number gf-nowrap">${formatKroner(language, line.amount)}</td></tr>`,
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
        ${fieldList([[t(language, 'casework.requested'), formatMoney(language, application.amountRequestedOre)]])}
      </div>
      <div>
        <h3>${t(language, 'casework.activity')}</h3>
        ${fieldList([
          [t(language, 'casework.activity'), application.projectTitle],
          [t(language, 'casework.purpose'), application.projectPurpose],
          [t(language, 'casework.activities'), project?.activities],
          [t(language, 'casework.targetGroup'), nameOf(language, `common.targetGroup.${application.targetGroup}`, application.targetGroup)],
          [t(language, 'casework.period'), `${formatDate(language, application.startDate, 'medium')} – ${formatDate(language, application.endDate, 'medium')}`],
          [t(language, 'casework.place'), project?.place],
          [t(language, 'casework.volunteers'), application.volunteers],
          [t(language, 'casework.participants'), application.expectedParticipants],
          [t(language, 'casework.newActivity'), yesNo(application.isNewActivity)],
          [t(language, lawWording('casework.childrenUnder15', law)), yesNo(project?.childrenUnder15)],
        ])}
      </div>
    </div>
    <h3>${t(language, 'casework.declarations')}</h3>
    ${fieldList([
      [t(language, 'casework.truthful'), yesNo(submission.declarations?.truthful)],
      [t(language, lawWording('casework.childCertificates', law)), yesNo(submission.declarations?.childCertificates)],
      [t(language, 'common.consent.contactLater'), consentAnswer(application.consentContactLater, language)],
    ])}
  </section>`;
}

export function documentLink(applicationId: string, document: { id: string; filename: string; size: number }, language: Language): SafeHtml {
  return html`<a href="/api/v1/applications/${applicationId}/documents/${document.id}" download>${t(language, 'casework.download', { name: document.filename, size: formatBytes(language, document.size) })}</a>`;
}

/** What the association uploaded (the letters the case produced are listed with the decisions). */
function uploadsOf(application: LoadedCase) {
  return application.documents.filter((d) => !(GENERATED_DOCUMENT_KINDS as readonly string[]).includes(d.kind));
}

function answersSection(application: LoadedCase, language: Language): SafeHtml {
  const byId = new Map(uploadsOf(application).map((d) => [d.id, d]));
  return html`<section aria-labelledby="answers-heading">
    <h2 id="answers-heading">${t(language, 'casework.answers')}</h2>
    ${
      application.informationRequests.length
        ? application.informationRequests.map((request) => {
            const answer = request.answer as { text?: string; documentIds?: string[] } | null;
            return html`<div class="gf-request">
              <h3 class="h4">${t(language, 'casework.requestNumber', { n: request.sequence, at: formatDateTime(language, request.createdAt), by: request.requestedBy })}</h3>
              ${fieldList([
                [t(language, 'casework.requestItems'), (request.items as string[]).length ? html`<ul class="nobullet-list">${(request.items as string[]).map((item) => html`<li>${item}</li>`)}</ul>` : undefined],
                [t(language, 'casework.requestMessage'), request.message ? html`<span class="gf-pre">${request.message}</span>` : undefined],
                [t(language, 'casework.answerBy'), formatDeadline(language, request.answerBy)],
                [
                  t(language, 'casework.answer'),
                  answer && request.answeredAt
                    ? html`<span class="gf-pre">${answer.text ?? ''}</span>
                        ${(answer.documentIds ?? []).map((id) => (byId.get(id) ? html`<br>${documentLink(application.id, byId.get(id)!, language)}` : ''))}
                        <br><span class="gf-muted">${formatDateTime(language, request.answeredAt)}</span>`
                    : request.lapsedAt ? t(language, 'casework.lapsed') : t(language, 'casework.notAnswered'),
                ],
              ])}
            </div>`;
          })
        : html`<p>${t(language, 'casework.noRequests')}</p>`
    }
  </section>`;
}

function documentsSection(application: LoadedCase, language: Language): SafeHtml {
  const uploads = uploadsOf(application);
  return html`<section aria-labelledby="documents-heading">
    <h2 id="documents-heading">${t(language, 'casework.documents')}</h2>
    ${uploads.length ? html`<ul>${uploads.map((d) => html`<li>${documentLink(application.id, d, language)} <span class="gf-muted">(${documentKindName(language, d.kind)}, ${formatDateTime(language, d.createdAt)})</span></li>`)}</ul>` : html`<p>${t(language, 'casework.noDocuments')}</p>`}
  </section>`;
}

/** The information requests with their answers, beside the documents the association sent. */
export function answersAndDocuments(application: LoadedCase, language: Language): SafeHtml {
  return html`<div class="gf-columns">${answersSection(application, language)}${documentsSection(application, language)}</div>`;
}

function resultLabel(outcome: string, language: Language): string {
  return outcome === 'pass' || outcome === 'fail' || outcome === 'needs_judgement' ? t(language, `casework.result.${outcome}`) : outcome;
}

export function checksSection(application: LoadedCase, state: CasePageState, csrf: string, allows: Allows, language: Language, law?: Jurisdiction): SafeHtml {
  const screening = application.screenings[0];
  if (!screening) return html`<section aria-labelledby="checks-heading"><h2 id="checks-heading">${t(language, 'casework.checks')}</h2><p>${t(language, 'casework.notScreened')}</p></section>`;
  const rules = ((screening.results as { rules?: RuleResult[] }).rules ?? []) as RuleResult[];
  const checklist = (screening.checklist as { rule: string; labelKey: string }[]) ?? [];
  const overrides = latestOverrides(screening.overrides);
  const judged = (code: string) => {
    const override = overrides.get(code);
    return override ? html`<br><strong>${t(language, 'casework.overriddenBy', { result: resultLabel(override.result, language), by: override.by, at: formatDateTime(language, override.at), reason: override.reason })}</strong>` : '';
  };
  const rulesTable = html`<table class="table table--compact">
      <caption class="sr-only">${t(language, 'casework.checks')}</caption>
      <thead><tr><th scope="col">${t(language, 'casework.rule')}</th><th scope="col">${t(language, 'casework.result')}</th><th scope="col">${t(language, 'casework.reason')}</th></tr></thead>
      <tbody>${rules.map(
        (rule) => html`<tr>
          <td>${ruleTitle(language, rule.rule, law)}</td>
          <td><span class="badge badge-${rule.outcome === 'pass' ? 'success' : rule.outcome === 'fail' ? 'error' : 'warning'}">${resultLabel(rule.outcome, language)}</span></td>
          <td>${describeRuleResult(language, rule, law)}${judged(rule.rule)}</td>
        </tr>`,
      )}</tbody>
    </table>`;
  const checklistTable = html`<table class="table table--compact" aria-labelledby="checklist-heading">
      <thead><tr><th scope="col">${t(language, 'casework.rule')}</th><th scope="col">${t(language, 'casework.description')}</th><th scope="col">${t(language, 'casework.result')}</th></tr></thead>
      <tbody>${checklist.map(
        (item) => html`<tr>
          <td>${ruleTitle(language, item.rule, law)}</td>
          <td>${describeChecklistItem(language, item, law)}</td>
          <td${overrides.has(item.rule) ? '' : html` class="gf-nowrap"`}>${overrides.has(item.rule) ? judged(item.rule) : t(language, 'casework.notJudged')}</td>
        </tr>`,
      )}</tbody>
    </table>`;
  // Checks that all passed untouched need no reading: one line says so, the table opens on request.
  const allPassed = rules.length > 0 && rules.every((rule) => rule.outcome === 'pass' && !overrides.has(rule.rule));
  return html`<section aria-labelledby="checks-heading">
    <h2 id="checks-heading">${t(language, 'casework.checks')}</h2>
    ${allPassed ? collapsed(t(language, 'casework.checksAllPassed', { count: rules.length }), rulesTable) : rulesTable}
    <h3 id="checklist-heading">${t(language, 'casework.checklist')}</h3>
    ${collapsed(t(language, 'casework.checklistJudged', { judged: checklist.filter((item) => overrides.has(item.rule)).length, count: checklist.length }), checklistTable, state.form === 'judge')}
    ${allows('case.judgeScreening') ? collapsed(t(language, 'casework.judge'), judgeForm(application.id, [...rules.map((r) => r.rule), ...checklist.map((c) => c.rule)], state, csrf, language, law), state.form === 'judge') : ''}
  </section>`;
}
