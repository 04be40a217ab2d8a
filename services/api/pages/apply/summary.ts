import type { Request } from 'express';
import { jurisdictionRules, type JurisdictionRules } from '../../../../domain/jurisdiction';
import { formatKontonummer } from '../../../../lib/bank-account';
import { formatDate, formatKroner, lawWordingOf, t, type Language, type MessageKey } from '../../../../locale';
import { calendarDateFromTyped } from '../../../../domain/typed-date';
import { BUDGET_CATEGORIES, TARGET_GROUPS, type TargetGroup } from '../../../../domain/categories';
import { FORM_STEPS, STEP_KEYS, type DraftAnswers, type FormStep } from '../../../../domain/draft-steps';
import { kronerToOre } from '../../../../domain/money';
import { roundReportingTiers } from '../../../../domain/rounds';
import { describeReportRequirement } from '../../../../documents/letter';
import { requiredApplicationDocuments } from '../../../../domain/tiers';
import type { FundingRound } from '../../../../prisma/generated/client';
import { CSRF_FIELD } from '../../http/csrf';
import type { FieldIssue } from '../../http/errors';
import { fieldId, hiddenField, type ErrorLink } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { renderPageWithErrors } from '../page-with-errors';
import { draftPath, positionUrl, stepPath } from './draft-paths';
import type { UploadedDocument } from './documents-step';
import { factList, formProgress, type FormOutline } from './page-parts';
import { categoryLabel, documentLabel } from './round-facts';
import { fieldNameFor } from './step-pages';
import { preparedNotice, shareForm, type PreparedView } from './prepared-notice';

type Row = { label: string; value: SafeHtml | string };

function at(answers: DraftAnswers, path: string): unknown {
  let current: unknown = answers;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function shown(value: unknown, language: Language): string {
  if (value === undefined || value === null || value === '') return t(language, 'apply.summary.notGiven');
  if (value === true) return t(language, 'apply.answer.yes');
  if (value === false) return t(language, 'apply.answer.no');
  return String(value);
}

function amount(value: unknown, language: Language): string {
  return typeof value === 'number' ? formatKroner(language, value) : shown(value, language);
}

/** A calendar date as people write it ("1. marts 2027"); anything else as it was typed. */
function day(value: unknown, language: Language): string {
  const date = typeof value === 'string' ? calendarDateFromTyped(value) : undefined;
  return date && date === value ? formatDate(language, date, 'long') : shown(value, language);
}

function rowsFor(step: FormStep, answers: DraftAnswers, language: Language, { texts, payout, jurisdiction }: JurisdictionRules): Row[] {
  // The politiattest questions are worded as the jurisdiction's law frames them.
  const text = (label: MessageKey, path: string): Row => ({ label: t(language, lawWordingOf(label, jurisdiction)), value: shown(at(answers, path), language) });
  switch (step) {
    case 'organization': {
      const account = at(answers, 'organization.bankAccount');
      const group = at(answers, 'applicant.kind') === 'informalGroup';
      // A group's row says who applies through whom; an association's summary stays as it was.
      const applicant = t(language, 'apply.informalGroup.summaryGroup', { group: shown(at(answers, 'applicant.groupName'), language), members: shown(at(answers, 'applicant.members'), language), sponsor: shown(at(answers, 'organization.name'), language) });
      return [
        ...(group ? [{ label: t(language, 'apply.informalGroup.summaryApplicant'), value: applicant }] : []),
        text(texts.label, 'organization.cvr'),
        text('apply.form.orgName', 'organization.name'),
        text('apply.form.address', 'organization.address'),
        text('apply.form.orgEmail', 'organization.email'),
        text('apply.form.phone', 'organization.phone'),
        // In full here, before it is sent, so the association can check it; masked once stored.
        ...(payout.collectsAccount ? [{ label: t(language, 'apply.form.bankAccount'), value: typeof account === 'string' ? formatKontonummer(account) : shown(account, language) }] : []),
      ];
    }
    case 'contact':
      return [text('apply.form.contactName', 'contact.name'), text('apply.form.contactEmail', 'contact.email'), text('apply.form.phone', 'contact.phone')];
    case 'project': {
      const group = at(answers, 'project.targetGroup');
      return [
        text('apply.form.title', 'project.title'),
        text('apply.form.purpose', 'project.purpose'),
        { label: t(language, 'apply.form.targetGroup'), value: (TARGET_GROUPS as readonly unknown[]).includes(group) ? t(language, `common.targetGroup.${group as TargetGroup}`) : shown(group, language) },
        text('apply.form.activities', 'project.activities'),
        { label: t(language, 'apply.form.startDate'), value: day(at(answers, 'project.startDate'), language) },
        { label: t(language, 'apply.form.endDate'), value: day(at(answers, 'project.endDate'), language) },
        text('apply.form.place', 'project.place'),
        text('apply.form.volunteers', 'project.volunteers'),
        text('apply.form.participants', 'project.expectedParticipants'),
        text('apply.form.isNew', 'project.isNew'),
        text('apply.form.childrenUnder15', 'project.childrenUnder15'),
      ];
    }
    case 'budget': {
      const lines = (at(answers, 'budget.lines') as { category?: unknown; description?: unknown; amount?: unknown }[] | undefined) ?? [];
      const cofinancing = (at(answers, 'budget.cofinancing') as { source?: unknown; amount?: unknown; status?: unknown }[] | undefined) ?? [];
      const total = lines.reduce((sum, line) => sum + (typeof line.amount === 'number' ? line.amount : 0), 0);
      return [
        {
          label: t(language, 'apply.form.budgetLines'),
          value: lines.length
            ? html`<ul class="nobullet-list">${lines.map(
                (line) =>
                  html`<li>${(BUDGET_CATEGORIES as readonly unknown[]).includes(line.category) ? categoryLabel(String(line.category), language) : shown(line.category, language)}: ${shown(line.description, language)} – ${amount(line.amount, language)}</li>`,
              )}</ul>`
            : t(language, 'apply.summary.notGiven'),
        },
        { label: t(language, 'apply.summary.total'), value: formatKroner(language, total) },
        ...(cofinancing.length
          ? [{ label: t(language, 'apply.form.cofinancing'), value: html`<ul class="nobullet-list">${cofinancing.map((row) => html`<li>${shown(row.source, language)}: ${amount(row.amount, language)} (${t(language, `apply.form.cofinancingStatus.${row.status === 'granted' ? 'granted' : 'applied'}`)})</li>`)}</ul>` }]
          : []),
        { label: t(language, 'apply.form.amountRequested'), value: amount(at(answers, 'amountRequested'), language) },
      ];
    }
    case 'declarations':
      return [
        text('apply.form.truthful', 'declarations.truthful'),
        ...(at(answers, 'project.childrenUnder15') === true ? [text('apply.form.childCertificates', 'declarations.childCertificates')] : []),
        text('common.consent.contactLater', 'declarations.contactLater'),
      ];
  }
}

function stepOf(path: string): FormStep {
  const key = path.split('.')[0];
  return FORM_STEPS.find((step) => (STEP_KEYS[step] as readonly string[]).includes(key ?? '')) ?? FORM_STEPS[0];
}

/** The summary page's errors: each issue links to its field on the step it belongs to. */
function missingLinks(draftId: string, issues: FieldIssue[], language: Language): ErrorLink[] {
  return issues.map((issue) => {
    const step = stepOf(issue.path);
    return { href: `${stepPath(draftId, step)}?tjek=1#${fieldId(fieldNameFor(issue.path))}`, message: `${t(language, `common.formStep.${step}`)}: ${issue.message}` };
  });
}

/** The summary's account of the documents the amount asks for: what was uploaded, what will be asked for later. */
export function uploadedDocumentsSection(draftId: string, asked: readonly string[], uploaded: readonly UploadedDocument[], language: Language): SafeHtml {
  const heading = t(language, 'apply.documents.uploadedDocuments');
  return html`<section class="gf-summary-section" aria-labelledby="summary-documents">
    <h2 class="h3" id="summary-documents">${heading}</h2>
    <ul class="nobullet-list">
      ${asked.map((kind) => {
        const files = uploaded.filter((document) => document.kind === kind);
        return files.length
          ? html`<li>${documentLabel(kind, language)}: ${files.map((file) => file.filename).join(', ')}</li>`
          : html`<li>${t(language, 'apply.documents.documentMissing', { document: documentLabel(kind, language) })}</li>`;
      })}
    </ul>
    <p><a href="${positionUrl(draftId, 'documents')}">${t(language, 'apply.summary.change')}<span class="sr-only">: ${heading}</span></a></p>
  </section>`;
}

/** What the requested amount means for the paperwork, in words. */
export function tierConsequences(round: FundingRound, answers: DraftAnswers, language: Language): SafeHtml {
  const requested = at(answers, 'amountRequested');
  if (typeof requested !== 'number' || !Number.isInteger(requested) || requested <= 0) return html``;
  const tiers = roundReportingTiers(round);
  const documents = requiredApplicationDocuments(kronerToOre(requested), tiers);
  const requirement = tiers.find((tier) => tier.upToKroner === null || requested <= tier.upToKroner)!.requirement;
  return html`<h2 class="h3">${t(language, 'apply.summary.documentsNeeded')}</h2>
    <p>${documents.length ? documents.map((kind) => documentLabel(kind, language)).join(', ') : t(language, 'apply.landing.noDocuments')}</p>
    <p>${t(language, 'apply.summary.reportAfterwards', { requirement: describeReportRequirement(requirement, language) })}</p>`;
}

export function summaryPage(
  req: Request,
  site: SiteSettings,
  language: Language,
  state: { draftId: string; round: FundingRound; answers: DraftAnswers; issues: FieldIssue[]; outline: FormOutline; csrf: string; shownStamp: string; documents?: SafeHtml; prepared?: PreparedView },
): string {
  return renderPageWithErrors(req, site, {
    title: t(language, 'apply.summary.title'),
    language,
    errors: missingLinks(state.draftId, state.issues, language),
    errorHeading: t(language, 'apply.summary.missing'),
    main: html`${formProgress(state.outline, 'summary', state.round, language)}
      <h1>${t(language, 'apply.summary.title')}</h1>
      ${preparedNotice(state.prepared, language)}
      <p class="font-lead">${t(language, 'apply.summary.intro')}</p>
      ${FORM_STEPS.map(
        (step) => html`<section class="gf-summary-section" aria-labelledby="summary-${step}">
          <h2 class="h3" id="summary-${step}">${t(language, `common.formStep.${step}`)}</h2>
          ${factList(rowsFor(step, state.answers, language, jurisdictionRules(site.jurisdiction)))}
          <p><a href="${stepPath(state.draftId, step)}">${t(language, 'apply.summary.change')}<span class="sr-only">: ${t(language, `common.formStep.${step}`)}</span></a></p>
        </section>`,
      )}
      ${state.documents ?? ''}
      ${tierConsequences(state.round, state.answers, language)}
      ${state.prepared?.helper
        ? shareForm(state.prepared, state.draftId, state.csrf, language)
        : state.issues.length === 0
        ? html`<form method="post" action="${draftPath(state.draftId)}/send" novalidate>
            ${hiddenField(CSRF_FIELD, state.csrf)}
            ${hiddenField('_shown', state.shownStamp)}
            <p>${t(language, 'apply.summary.sendNotice')}</p>
            <button type="submit" class="button button-primary">${t(language, 'apply.summary.send')}</button>
          </form>`
        : ''}`,
  });
}
