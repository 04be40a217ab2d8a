import type { Request } from 'express';
import { lawWording, t, type Language, type MessageKey } from '../../../../locale';
import type { FundingRound, Scheme } from '../../../../prisma/generated/client';
import { schemeText } from '../../../../domain/scheme-texts';
import { CSRF_FIELD } from '../../http/csrf';
import { choiceGroup, hiddenField, type FieldErrors } from '../forms';
import { html } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { renderPageWithErrors } from '../page-with-errors';
import { contactLine } from './page-parts';
import { jurisdictionRules } from '../../../../domain/jurisdiction';

/** The precheck asks whether the activity fits the scheme the round belongs to. */
type RoundWithScheme = FundingRound & { scheme: Pick<Scheme, 'name' | 'description'> };

// A few questions before the form. A hard stop leads to a page that says why and what to do
// instead (DKFDS: not an error); otherwise the answers go into the new draft.

export const PRECHECK_QUESTIONS = ['applicant', 'social', 'finished', 'children'] as const;
type Question = (typeof PRECHECK_QUESTIONS)[number];
export type PrecheckAnswers = Partial<Record<Question, string>>;

const OPTIONS: Record<Question, { value: string; label: MessageKey }[]> = {
  applicant: [
    { value: 'association', label: 'apply.precheck.aAssociationWithCvr' },
    { value: 'no_cvr', label: 'apply.precheck.aAssociationWithoutCvr' },
    { value: 'other', label: 'apply.precheck.aOther' },
    // Offered only where the round takes self-organised groups through a sponsor.
    { value: 'informal_group', label: 'apply.informalGroup.precheckOption' },
  ],
  social: [
    { value: 'true', label: 'apply.answer.yes' },
    { value: 'false', label: 'apply.answer.no' },
  ],
  finished: [
    { value: 'false', label: 'apply.answer.no' },
    { value: 'true', label: 'apply.answer.yes' },
  ],
  children: [
    { value: 'false', label: 'apply.answer.no' },
    { value: 'true', label: 'apply.answer.yes' },
  ],
};

const QUESTION_TEXT: Record<Question, { label: MessageKey; hint?: MessageKey }> = {
  applicant: { label: 'apply.precheck.qOrganisation' },
  // Its hint is the scheme's description: what the scheme is for.
  social: { label: 'apply.precheck.qSocial' },
  finished: { label: 'apply.precheck.qFinished' },
  children: { label: 'apply.precheck.qChildren', hint: 'apply.precheck.qChildrenHint' },
};

/** A question's texts; the children question as the jurisdiction's law frames it (børneattest, politiattest). */
function questionText(question: Question, site: SiteSettings): { label: MessageKey; hint?: MessageKey } {
  if (question !== 'children') return QUESTION_TEXT[question];
  return { label: lawWording('apply.precheck.qChildren', site.jurisdiction), hint: lawWording('apply.precheck.qChildrenHint', site.jurisdiction) };
}

export const STOP_REASONS = ['no_cvr', 'not_association', 'not_social', 'finished'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export function readPrecheck(body: Record<string, unknown>): PrecheckAnswers {
  const answers: PrecheckAnswers = {};
  for (const question of PRECHECK_QUESTIONS) {
    const value = body[`precheck.${question}`];
    if (typeof value === 'string' && OPTIONS[question].some((option) => option.value === value)) answers[question] = value;
  }
  return answers;
}

export type PrecheckOutcome = { kind: 'incomplete'; errors: FieldErrors } | { kind: 'stop'; reason: StopReason } | { kind: 'go'; childrenUnder15: boolean; informalGroup: boolean };

/** Whether the round takes self-organised groups through a sponsor (domain/informal-groups.ts). */
function takesGroups(round: { informalGroups?: string }): boolean {
  return round.informalGroups === 'sponsor';
}

export function evaluatePrecheck(answers: PrecheckAnswers, language: Language, round: { informalGroups?: string } = {}): PrecheckOutcome {
  const missing = PRECHECK_QUESTIONS.filter((question) => !answers[question]);
  if (missing.length) return { kind: 'incomplete', errors: Object.fromEntries(missing.map((question) => [`precheck.${question}`, t(language, 'apply.precheck.chooseAnswer')])) };
  if (answers.applicant === 'no_cvr' || (answers.applicant === 'informal_group' && !takesGroups(round))) return { kind: 'stop', reason: 'no_cvr' };
  if (answers.applicant === 'other') return { kind: 'stop', reason: 'not_association' };
  if (answers.social === 'false') return { kind: 'stop', reason: 'not_social' };
  if (answers.finished === 'true') return { kind: 'stop', reason: 'finished' };
  return { kind: 'go', childrenUnder15: answers.children === 'true', informalGroup: answers.applicant === 'informal_group' };
}

export function precheckPage(
  req: Request,
  site: SiteSettings,
  language: Language,
  round: RoundWithScheme,
  state: { answers: PrecheckAnswers; errors: FieldErrors; shownStamp: string; csrf: string },
): string {
  // The summary names the question, since the message itself ("Choose an answer.") does not.
  const errors = Object.fromEntries(
    Object.entries(state.errors).map(([name, message]) => [name, `${t(language, questionText(name.replace('precheck.', '') as Question, site).label)} ${message}`]),
  );
  return renderPageWithErrors(req, site, {
    title: t(language, 'apply.precheck.title'),
    language,
    errors,
    main: html`<p class="h5 mb-2">${round.name}</p>
      <h1>${t(language, 'apply.precheck.title')}</h1>
      <p class="font-lead">${t(language, 'apply.precheck.intro')}</p>
      <form method="post" action="/ansoeg/${round.slug}" novalidate>
        ${hiddenField(CSRF_FIELD, state.csrf)}
        ${hiddenField('_shown', state.shownStamp)}
        ${PRECHECK_QUESTIONS.map((question) => {
          const text = questionText(question, site);
          return choiceGroup({
            name: `precheck.${question}`,
            label: t(language, text.label),
            hint: question === 'social' ? schemeText(round.scheme.description, language) : text.hint ? t(language, text.hint) : undefined,
            language,
            error: state.errors[`precheck.${question}`],
            value: state.answers[question] ?? null,
            options: OPTIONS[question]
              .filter((option) => option.value !== 'informal_group' || takesGroups(round))
              .map((option) => ({ value: option.value, label: t(language, optionLabel(option, site)) })),
          });
        })}
        <button type="submit" class="button button-primary">${t(language, 'apply.precheck.continue')}</button>
      </form>`,
  });
}

/** The applicant options name the jurisdiction's organisation number (CVR-nummer, organisasjonsnummer). */
function optionLabel(option: { value: string; label: MessageKey }, site: SiteSettings): MessageKey {
  const { texts } = jurisdictionRules(site.jurisdiction);
  if (option.value === 'association') return texts.precheckWithNumber;
  if (option.value === 'no_cvr') return texts.precheckWithoutNumber;
  return option.label;
}

export function cannotApplyPage(req: Request, site: SiteSettings, language: Language, round: RoundWithScheme, reason: StopReason): string {
  const { texts } = jurisdictionRules(site.jurisdiction);
  // Without an organisation number: why, and where to get one, for the jurisdiction's register.
  const why: MessageKey = reason === 'no_cvr' ? texts.cannotApplyWhy : `apply.cannotApply.why.${reason}`;
  const next: MessageKey = reason === 'no_cvr' ? texts.cannotApplyNext : `apply.cannotApply.next.${reason}`;
  return renderPage(req, site, {
    title: t(language, 'apply.cannotApply.title'),
    language,
    main: html`<p class="h5 mb-2">${round.name}</p>
      <h1>${t(language, 'apply.cannotApply.title')}</h1>
      <p class="font-lead">${t(language, why, { scheme: schemeText(round.scheme.name, language) })}</p>
      <h2>${t(language, 'apply.cannotApply.whatNow')}</h2>
      <ul>
        <li>${t(language, next)}</li>
        <li>${contactLine(site, language)}</li>
      </ul>
      <p><a href="/ansoeg/${round.slug}">${t(language, 'apply.cannotApply.changeAnswers')}</a></p>
      <p><a href="/">${t(language, 'apply.cannotApply.backToFront')}</a></p>`,
  });
}
