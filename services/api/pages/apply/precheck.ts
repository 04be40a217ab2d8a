import type { Request } from 'express';
import type { Language } from '../../../../lib/languages';
import type { FundingRound } from '../../../../prisma/generated/client';
import { CSRF_FIELD } from '../../http/csrf';
import { choiceGroup, errorSummary, hiddenField, type FieldErrors } from '../forms';
import { html } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { contactLine } from './page-parts';
import { say, type ApplyTextKey } from './texts';

// A few questions before the form. A hard stop leads to a page that says why and what to do
// instead (DKFDS: not an error); otherwise the answers go into the new draft.

export const PRECHECK_QUESTIONS = ['applicant', 'social', 'finished', 'children'] as const;
type Question = (typeof PRECHECK_QUESTIONS)[number];
export type PrecheckAnswers = Partial<Record<Question, string>>;

const OPTIONS: Record<Question, { value: string; label: ApplyTextKey }[]> = {
  applicant: [
    { value: 'association', label: 'aAssociationWithCvr' },
    { value: 'no_cvr', label: 'aAssociationWithoutCvr' },
    { value: 'other', label: 'aOther' },
  ],
  social: [
    { value: 'true', label: 'yes' },
    { value: 'false', label: 'no' },
  ],
  finished: [
    { value: 'false', label: 'no' },
    { value: 'true', label: 'yes' },
  ],
  children: [
    { value: 'false', label: 'no' },
    { value: 'true', label: 'yes' },
  ],
};

const QUESTION_TEXT: Record<Question, { label: ApplyTextKey; hint?: ApplyTextKey }> = {
  applicant: { label: 'qOrganisation' },
  social: { label: 'qSocial', hint: 'qSocialHint' },
  finished: { label: 'qFinished' },
  children: { label: 'qChildren', hint: 'qChildrenHint' },
};

export const STOP_REASONS = ['no_cvr', 'not_association', 'not_social', 'finished'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

const STOP_TEXTS: Record<StopReason, { why: ApplyTextKey; next: ApplyTextKey }> = {
  no_cvr: { why: 'stopNoCvr', next: 'stopNoCvrNext' },
  not_association: { why: 'stopNotAssociation', next: 'stopNotAssociationNext' },
  not_social: { why: 'stopNotSocial', next: 'stopNotSocialNext' },
  finished: { why: 'stopFinished', next: 'stopFinishedNext' },
};

export function readPrecheck(body: Record<string, unknown>): PrecheckAnswers {
  const answers: PrecheckAnswers = {};
  for (const question of PRECHECK_QUESTIONS) {
    const value = body[`precheck.${question}`];
    if (typeof value === 'string' && OPTIONS[question].some((option) => option.value === value)) answers[question] = value;
  }
  return answers;
}

export type PrecheckOutcome = { kind: 'incomplete'; errors: FieldErrors } | { kind: 'stop'; reason: StopReason } | { kind: 'go'; childrenUnder15: boolean };

export function evaluatePrecheck(answers: PrecheckAnswers, language: Language): PrecheckOutcome {
  const missing = PRECHECK_QUESTIONS.filter((question) => !answers[question]);
  if (missing.length) return { kind: 'incomplete', errors: Object.fromEntries(missing.map((question) => [`precheck.${question}`, say('chooseAnswer', language)])) };
  if (answers.applicant === 'no_cvr') return { kind: 'stop', reason: 'no_cvr' };
  if (answers.applicant === 'other') return { kind: 'stop', reason: 'not_association' };
  if (answers.social === 'false') return { kind: 'stop', reason: 'not_social' };
  if (answers.finished === 'true') return { kind: 'stop', reason: 'finished' };
  return { kind: 'go', childrenUnder15: answers.children === 'true' };
}

export function precheckPage(
  req: Request,
  site: SiteSettings,
  language: Language,
  round: FundingRound,
  state: { answers: PrecheckAnswers; errors: FieldErrors; shownStamp: string; csrf: string },
): string {
  const hasErrors = Object.keys(state.errors).length > 0;
  return renderPage(req, site, {
    title: say('precheckTitle', language),
    language,
    hasErrors,
    main: html`${errorSummary(
        Object.fromEntries(Object.entries(state.errors).map(([name, message]) => [name, `${say(QUESTION_TEXT[name.replace('precheck.', '') as Question].label, language)} ${message}`])),
        language,
      )}
      <p class="h5 mb-2">${round.name}</p>
      <h1>${say('precheckTitle', language)}</h1>
      <p class="font-lead">${say('precheckIntro', language)}</p>
      <form method="post" action="/ansoeg/${round.slug}" novalidate>
        ${hiddenField(CSRF_FIELD, state.csrf)}
        ${hiddenField('_shown', state.shownStamp)}
        ${PRECHECK_QUESTIONS.map((question) => {
          const text = QUESTION_TEXT[question];
          return choiceGroup({
            name: `precheck.${question}`,
            label: say(text.label, language),
            hint: text.hint ? say(text.hint, language) : undefined,
            language,
            error: state.errors[`precheck.${question}`],
            value: state.answers[question] ?? null,
            options: OPTIONS[question].map((option) => ({ value: option.value, label: say(option.label, language) })),
          });
        })}
        <button type="submit" class="button button-primary">${say('continue', language)}</button>
      </form>`,
  });
}

export function cannotApplyPage(req: Request, site: SiteSettings, language: Language, round: FundingRound, reason: StopReason): string {
  const texts = STOP_TEXTS[reason];
  return renderPage(req, site, {
    title: say('cannotApplyTitle', language),
    language,
    main: html`<p class="h5 mb-2">${round.name}</p>
      <h1>${say('cannotApplyTitle', language)}</h1>
      <p class="font-lead">${say(texts.why, language)}</p>
      <h2>${say('whatNow', language)}</h2>
      <ul>
        <li>${say(texts.next, language)}</li>
        <li>${contactLine(site, say('contactUs', language))}</li>
      </ul>
      <p><a href="/ansoeg/${round.slug}">${say('changeAnswers', language)}</a></p>
      <p><a href="/">${say('backToFront', language)}</a></p>`,
  });
}
