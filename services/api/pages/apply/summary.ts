import type { Request } from 'express';
import type { Language } from '../../../../lib/languages';
import { BUDGET_CATEGORIES, TARGET_GROUPS, type TargetGroup } from '../../../../domain/categories';
import { FORM_STEPS, STEP_KEYS, type DraftAnswers, type FormStep } from '../../../../domain/draft-steps';
import { kronerToOre } from '../../../../domain/money';
import { roundReportingTiers } from '../../../../domain/rounds';
import { describeReportRequirement } from '../../../../documents/letter';
import { requiredApplicationDocuments } from '../../../../domain/tiers';
import type { FundingRound } from '../../../../prisma/generated/client';
import { CSRF_FIELD } from '../../http/csrf';
import type { FieldIssue } from '../../http/errors';
import { fieldId, hiddenField, stepIndicator } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { draftPath } from './draft-cookie';
import { factList } from './page-parts';
import { categoryLabel, documentLabel, kroner } from './round-facts';
import type { FormOutline } from './step-pages';
import { fieldNameFor } from './step-pages';
import { say, STEP_SLUGS, STEP_TITLES, TARGET_GROUP_LABELS, type ApplyTextKey } from './texts';

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
  if (value === undefined || value === null || value === '') return say('notGiven', language);
  if (value === true) return say('yes', language);
  if (value === false) return say('no', language);
  return String(value);
}

function amount(value: unknown, language: Language): string {
  return typeof value === 'number' ? kroner(value, language) : shown(value, language);
}

function rowsFor(step: FormStep, answers: DraftAnswers, language: Language): Row[] {
  const text = (label: ApplyTextKey, path: string): Row => ({ label: say(label, language), value: shown(at(answers, path), language) });
  switch (step) {
    case 'organization':
      return [text('cvr', 'organization.cvr'), text('orgName', 'organization.name'), text('address', 'organization.address'), text('orgEmail', 'organization.email'), text('phone', 'organization.phone')];
    case 'contact':
      return [text('contactName', 'contact.name'), text('contactEmail', 'contact.email'), text('phone', 'contact.phone')];
    case 'project': {
      const group = at(answers, 'project.targetGroup');
      return [
        text('title', 'project.title'),
        text('purpose', 'project.purpose'),
        { label: say('targetGroup', language), value: (TARGET_GROUPS as readonly unknown[]).includes(group) ? TARGET_GROUP_LABELS[group as TargetGroup][language] : shown(group, language) },
        text('activities', 'project.activities'),
        text('startDate', 'project.startDate'),
        text('endDate', 'project.endDate'),
        text('place', 'project.place'),
        text('volunteers', 'project.volunteers'),
        text('participants', 'project.expectedParticipants'),
        text('isNew', 'project.isNew'),
        text('childrenUnder15', 'project.childrenUnder15'),
      ];
    }
    case 'budget': {
      const lines = (at(answers, 'budget.lines') as { category?: unknown; description?: unknown; amount?: unknown }[] | undefined) ?? [];
      const cofinancing = (at(answers, 'budget.cofinancing') as { source?: unknown; amount?: unknown; status?: unknown }[] | undefined) ?? [];
      const total = lines.reduce((sum, line) => sum + (typeof line.amount === 'number' ? line.amount : 0), 0);
      return [
        {
          label: say('budgetLines', language),
          value: lines.length
            ? html`<ul class="nobullet-list">${lines.map(
                (line) =>
                  html`<li>${(BUDGET_CATEGORIES as readonly unknown[]).includes(line.category) ? categoryLabel(String(line.category), language) : shown(line.category, language)}: ${shown(line.description, language)} – ${amount(line.amount, language)}</li>`,
              )}</ul>`
            : say('notGiven', language),
        },
        { label: say('total', language), value: kroner(total, language) },
        ...(cofinancing.length
          ? [{ label: say('cofinancing', language), value: html`<ul class="nobullet-list">${cofinancing.map((row) => html`<li>${shown(row.source, language)}: ${amount(row.amount, language)} (${say(row.status === 'granted' ? 'statusGranted' : 'statusApplied', language)})</li>`)}</ul>` }]
          : []),
        { label: say('amountRequested', language), value: amount(at(answers, 'amountRequested'), language) },
      ];
    }
    case 'declarations':
      return [
        text('truthful', 'declarations.truthful'),
        ...(at(answers, 'project.childrenUnder15') === true ? [text('childCertificates', 'declarations.childCertificates')] : []),
        text('shareStory', 'declarations.shareStory'),
      ];
  }
}

function stepOf(path: string): FormStep {
  const key = path.split('.')[0];
  return FORM_STEPS.find((step) => (STEP_KEYS[step] as readonly string[]).includes(key ?? '')) ?? FORM_STEPS[0];
}

/** The error summary of the summary page: each issue links to its field on the step it belongs to. */
function missingSummary(draftId: string, issues: FieldIssue[], language: Language): SafeHtml {
  if (!issues.length) return html``;
  return html`<div class="alert alert-error" role="alert" aria-labelledby="error-summary-heading" tabindex="-1" id="error-summary">
    <div class="alert-body">
      <h2 class="alert-heading" id="error-summary-heading">${say('summaryMissing', language)}</h2>
      <ul class="alert-text nobullet-list">
        ${issues.map((issue) => {
          const step = stepOf(issue.path);
          return html`<li><a class="function-link" href="${draftPath(draftId)}/trin/${STEP_SLUGS[step]}?tjek=1#${fieldId(fieldNameFor(issue.path))}">${STEP_TITLES[step][language]}: ${issue.message}</a></li>`;
        })}
      </ul>
    </div>
  </div>`;
}

/** What the requested amount means for the paperwork, in words. */
export function tierConsequences(round: FundingRound, answers: DraftAnswers, language: Language): SafeHtml {
  const requested = at(answers, 'amountRequested');
  if (typeof requested !== 'number' || !Number.isInteger(requested) || requested <= 0) return html``;
  const tiers = roundReportingTiers(round);
  const documents = requiredApplicationDocuments(kronerToOre(requested), tiers);
  const requirement = tiers.find((tier) => tier.upToKroner === null || requested <= tier.upToKroner)!.requirement;
  return html`<h2 class="h3">${say('documentsNeeded', language)}</h2>
    <p>${documents.length ? documents.map((kind) => documentLabel(kind, language)).join(', ') : say('noDocuments', language)}</p>
    <p>${say('reportAfterwards', language, { requirement: describeReportRequirement(requirement, language) })}</p>`;
}

export function summaryPage(
  req: Request,
  site: SiteSettings,
  language: Language,
  state: { draftId: string; round: FundingRound; answers: DraftAnswers; issues: FieldIssue[]; outline: FormOutline; csrf: string; shownStamp: string; documents?: SafeHtml },
): string {
  const outlineIndex = state.outline.steps.findIndex((step) => step.key === 'summary');
  return renderPage(req, site, {
    title: say('summaryTitle', language),
    language,
    hasErrors: state.issues.length > 0,
    main: html`${missingSummary(state.draftId, state.issues, language)}
      ${stepIndicator(state.outline.steps.map((step) => ({ label: step.label, href: step.href })), outlineIndex, language)}
      <p class="h5 mb-2">${say('applicationTo', language, { round: state.round.name })}</p>
      <h1>${say('summaryTitle', language)}</h1>
      <p class="font-lead">${say('summaryIntro', language)}</p>
      ${FORM_STEPS.map(
        (step) => html`<section class="gf-summary-section" aria-labelledby="summary-${step}">
          <h2 class="h3" id="summary-${step}">${STEP_TITLES[step][language]}</h2>
          ${factList(rowsFor(step, state.answers, language))}
          <p><a href="${draftPath(state.draftId)}/trin/${STEP_SLUGS[step]}">${say('change', language)}<span class="sr-only">: ${STEP_TITLES[step][language]}</span></a></p>
        </section>`,
      )}
      ${state.documents ?? ''}
      ${tierConsequences(state.round, state.answers, language)}
      ${state.issues.length === 0
        ? html`<form method="post" action="${draftPath(state.draftId)}/send" novalidate>
            ${hiddenField(CSRF_FIELD, state.csrf)}
            ${hiddenField('_shown', state.shownStamp)}
            <p>${say('sendNotice', language)}</p>
            <button type="submit" class="button button-primary">${say('send', language)}</button>
          </form>`
        : ''}`,
  });
}
