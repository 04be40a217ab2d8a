import type { Response } from 'express';
import { lawWording, t, type Language } from '../../../../locale';
import { requestJurisdiction } from '../../http/language';
import { INFORMAL_GROUP_RULES } from '../../../../domain/informal-groups';
import { CALENDAR_DATE, END_OF_DAY, isEndOfDayIn, START_OF_DAY, wallClockIn, wallTimeToInstant } from '../../../../domain/time-zone';
import { BUDGET_CATEGORIES, TARGET_GROUPS } from '../../../../domain/categories';
import { budgetCategoryName } from '../../../../locale';
import { ROUND_MODES, type RoundInput } from '../../../../domain/round-input';
import { choiceGroup, selectField, textArea, textField, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { staffCsrfField } from '../staff/shell';
import { FRAME_FIELD_NAMES, frameFormValues, frameFromForm, renderFrameFields } from './round-frame-fields';
import { kronerOf, list, text } from './form-values';
import { durationFormValues, durationsFromForm, reportDueDurationFromForm } from './duration-fields';
import { renderRuleFields, ruleFieldNames, ruleFormValues, rulesFromForm } from './rule-fields';

// The funding-round form: every setting of a round on one page, without JavaScript. Each input is
// named by the path of the setting it holds (reportingTiers.0.upToKroner), so a refusal from the
// shared validation lands on the very field it concerns.

type FormBody = Record<string, unknown>;

/** What the form shows: the round's settings as text, or what the administrator typed. */
export type RoundFormValues = Record<string, string | string[]>;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// ── The municipality's wall clock ───────────────────────────────────────────────────────────

/**
 * An instant as the date and time the municipality's clocks showed (what the form shows). A
 * closing at the end of its day shows no time: the blank time field means "the day out".
 */
function wallClock(instant: string): { date: string; time: string } {
  const at = new Date(instant);
  const { date, hour, minute } = wallClockIn(at);
  return { date, time: isEndOfDayIn(at) ? '' : `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}

/**
 * A date and time on the municipality's wall clock as an instant, or undefined when they do not
 * read as one. Without a time, a date means its start (`dayPart: 'start'`, an opening) or its end
 * (`'end'`, a deadline: 23:59:59.999, which 23:59 also means).
 */
export function localInstant(date: string, time: string, dayPart: 'start' | 'end' = 'start'): string | undefined {
  if (!CALENDAR_DATE.test(date)) return undefined;
  const clock = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (time && !clock) return undefined;
  const wall = !clock ? (dayPart === 'end' ? END_OF_DAY : START_OF_DAY) : clock[1] === '23' && clock[2] === '59' && dayPart === 'end' ? END_OF_DAY : { hour: Number(clock[1]), minute: Number(clock[2]) };
  return wallTimeToInstant(date, wall)?.toISOString();
}

// ── From the round to the form and back ────────────────────────────────────────────────────────

export function formValuesOf(round: RoundInput, language: Language): RoundFormValues {
  const opens = wallClock(round.opensAt);
  const closes = round.closesAt ? wallClock(round.closesAt) : undefined;
  const values: RoundFormValues = {
    slug: round.slug,
    scheme: round.scheme,
    name: round.name,
    description: round.description,
    budget: String(round.budget),
    maxAmount: String(round.maxAmount),
    fourEyesThreshold: String(round.fourEyesThreshold),
    opensAt: opens.date,
    opensAtTime: opens.time,
    closesAt: closes?.date ?? '',
    closesAtTime: closes?.time ?? '',
    mode: round.mode,
    targetGroups: [...round.targetGroups],
    excludedCostCategories: [...round.excludedCostCategories],
    informalGroups: round.informalGroups,
  };
  values.grantYears = String(round.grantYears);
  values.yearlyBudgets = round.yearlyBudgets.join(', ');
  Object.assign(values, ruleFormValues(round));
  const process = round.processSettings;
  Object.assign(values, durationFormValues(language, process));
  values['processSettings.reportDue.kind'] = process.reportDue.kind;
  values['processSettings.reportDue.month'] = process.reportDue.kind === 'fixed_date_next_year' ? String(process.reportDue.month) : '';
  values['processSettings.reportDue.day'] = process.reportDue.kind === 'fixed_date_next_year' ? String(process.reportDue.day) : '';
  return { ...values, ...frameFormValues(round.legalFrame) };
}

/**
 * A blank form for a new round, with the defaults most rounds keep. Its reporting tiers and
 * decision criteria are left empty: a round that sends none takes its scheme's.
 */
export function newRoundValues(defaults: RoundInput, language: Language): RoundFormValues {
  return { ...formValuesOf({ ...defaults, reportingTiers: [], decisionCriteria: [] }, language), slug: '', name: '', budget: '', maxAmount: '' };
}

/**
 * The form's fields as the round the shared validation expects, plus the problems only the form
 * can have: a number or a date that does not read as one (`errors`: nothing to validate further),
 * and durations whose words do not read (`durationErrors`: sent on empty, so the shared validation
 * still checks the rest; these messages say more than its own). Blank rows are left out.
 */
export function roundFromForm(body: FormBody, language: Language): { input: Record<string, unknown>; values: RoundFormValues; errors: FieldErrors; durationErrors: FieldErrors } {
  const errors: FieldErrors = {};
  const durationErrors: FieldErrors = {};
  const values: RoundFormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== '_csrf' && (typeof value === 'string' || Array.isArray(value))) values[key] = value as string | string[];
  }

  const kroner = (name: string, options: { optional?: boolean } = {}) => kronerOf(body, name, errors, language, options);
  const instant = (name: string, { optional = false, dayPart = 'start' as 'start' | 'end' } = {}): string | null | undefined => {
    const date = text(body, name).trim();
    if (!date) return optional ? null : undefined;
    const at = localInstant(date, text(body, `${name}Time`).trim(), dayPart);
    if (!at) errors[name] = t(language, 'admin.notADate');
    return at;
  };
  const { reportingTiers, decisionCriteria } = rulesFromForm(body, (name) => kroner(name, { optional: true }));

  const reportDueKind = text(body, 'processSettings.reportDue.kind');
  const reportDue =
    reportDueKind === 'fixed_date_next_year'
      ? { kind: reportDueKind, month: Number(text(body, 'processSettings.reportDue.month')) || undefined, day: Number(text(body, 'processSettings.reportDue.day')) || undefined }
      : { kind: 'after_activity_end', duration: reportDueDurationFromForm(body, language, durationErrors) };

  // Whole kroner, first year first; each a number the way the other amounts are written.
  const yearlyBudgets = text(body, 'yearlyBudgets').split(',').map((item) => item.replace(/[\s.]/g, '')).filter(Boolean);
  if (yearlyBudgets.some((item) => !/^\d{1,12}$/.test(item))) errors.yearlyBudgets = t(language, 'admin.notANumber');
  const grantYears = text(body, 'grantYears').trim();

  const input = {
    slug: text(body, 'slug').trim(),
    scheme: text(body, 'scheme').trim(),
    name: text(body, 'name'),
    description: text(body, 'description'),
    budget: kroner('budget'),
    maxAmount: kroner('maxAmount'),
    fourEyesThreshold: kroner('fourEyesThreshold'),
    // Left empty, a new round grants for one year and a changed one keeps its years.
    ...(grantYears ? { grantYears: /^\d+$/.test(grantYears) ? Number(grantYears) : grantYears } : {}),
    ...(grantYears || yearlyBudgets.length ? { yearlyBudgets: yearlyBudgets.map(Number) } : {}),
    opensAt: instant('opensAt'),
    closesAt: instant('closesAt', { optional: true, dayPart: 'end' }),
    mode: text(body, 'mode') || undefined,
    informalGroups: text(body, 'informalGroups') || undefined,
    targetGroups: list(body, 'targetGroups'),
    excludedCostCategories: list(body, 'excludedCostCategories'),
    // No rows at all: the round keeps what it has, or a new one takes its scheme's.
    ...(reportingTiers.length ? { reportingTiers } : {}),
    ...(decisionCriteria.length ? { decisionCriteria } : {}),
    // Written in words, stored as ISO-8601 (reportOpensBeforeDue left empty keeps the default).
    processSettings: { ...durationsFromForm(body, language, durationErrors), reportDue },
    legalFrame: frameFromForm(body),
  };
  return { input, values, errors, durationErrors };
}

/**
 * Puts each refusal on a field the form has: a message about a list or a row as a whole goes to
 * its first field, a message about one entry of a comma-separated list to that list's field.
 */
export function placeErrors(errors: FieldErrors, fieldNames: readonly string[]): FieldErrors {
  const placed: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const exact = fieldNames.find((name) => name === path);
    const parent = fieldNames.filter((name) => path.startsWith(`${name}.`)).sort((a, b) => b.length - a.length)[0];
    const child = fieldNames.find((name) => name.startsWith(`${path}.`));
    const target = exact ?? parent ?? child ?? fieldNames[0]!;
    placed[target] ??= message;
  }
  return placed;
}

// ── The form ─────────────────────────────────────────────────────────────────────────────────

export interface RoundFormOptions {
  action: string;
  /** The schemes a round may belong to. */
  schemes: { slug: string; name: string }[];
  language: Language;
  values: RoundFormValues;
  errors: FieldErrors;
  submitLabel: string;
}

/** The names of every input the form renders for these values (to place errors on). */
export function roundFieldNames(formValues: RoundFormValues): string[] {
  return [
    'slug', 'scheme', 'name', 'description', 'budget', 'maxAmount', 'fourEyesThreshold', 'grantYears', 'yearlyBudgets', 'opensAt', 'closesAt', 'mode', 'informalGroups', 'targetGroups', 'excludedCostCategories',
    ...ruleFieldNames(formValues),
    'processSettings.answerDeadline', 'processSettings.answerReminders', 'processSettings.decisionTarget', 'processSettings.payoutAfter',
    'processSettings.reportDue.kind', 'processSettings.reportDue.duration', 'processSettings.reportDue.month', 'processSettings.reportDue.day',
    'processSettings.reportReminders', 'processSettings.reportOpensBeforeDue', 'processSettings.reportEscalationAfter', 'processSettings.reportResubmissionDeadline',
    'processSettings.reconsiderationPeriod', 'processSettings.repaymentDue', 'processSettings.repaymentReminders',
    'processSettings.acceptancePeriod', 'processSettings.acceptanceReminders',
    ...FRAME_FIELD_NAMES,
  ];
}

export function renderRoundForm(res: Response, cookieSecret: string, options: RoundFormOptions): SafeHtml {
  const { language, values: v, errors } = options;
  const field = (name: string, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
    textField({ name, label, language, value: text(v, name), error: errors[name], ...extra });
  /** A set of checkboxes, or of radio buttons (`one`), holding what the form holds for `name`. */
  const choices = (name: string, label: string, options: { value: string; label: string }[], { one = false } = {}) =>
    choiceGroup({ name, label, language, multiple: !one, value: one ? text(v, name) : list(v, name), error: errors[name], options });
  return html`<form method="post" action="${options.action}" novalidate>
    ${staffCsrfField(res, cookieSecret)}
    <h2>${t(language, 'admin.sectionBasics')}</h2>
    ${selectField({ name: 'scheme', label: t(language, 'admin.scheme'), hint: t(language, 'admin.schemeHint'), language, value: text(v, 'scheme'), error: errors.scheme, emptyLabel: '—', options: options.schemes.map((scheme) => ({ value: scheme.slug, label: scheme.name })) })}
    ${field('name', t(language, 'admin.roundName'), { width: 'xl', maxLength: 200 })}
    ${field('slug', t(language, 'admin.slug'), { hint: t(language, 'admin.slugHint'), width: 'l', maxLength: 100, autocomplete: 'off' })}
    ${textArea({ name: 'description', label: t(language, 'admin.description'), language, value: text(v, 'description'), error: errors.description, maxLength: 4000, rows: 4, optional: true })}
    ${choices('mode', t(language, 'admin.mode'), ROUND_MODES.map((mode) => ({ value: mode, label: t(language, `admin.mode.${mode}`) })), { one: true })}
    ${choiceGroup({ name: 'informalGroups', label: t(language, 'admin.informalGroup.label'), hint: t(language, 'admin.informalGroup.hint'), language, value: text(v, 'informalGroups') || 'none', error: errors.informalGroups, options: INFORMAL_GROUP_RULES.map((rule) => ({ value: rule, label: t(language, `admin.informalGroup.${rule}`) })) })}

    <h2>${t(language, 'admin.sectionMoney')}</h2>
    ${field('budget', t(language, 'admin.budgetField'), { inputMode: 'numeric', width: 's' })}
    ${field('maxAmount', t(language, 'admin.maxAmount'), { inputMode: 'numeric', width: 's' })}
    ${field('fourEyesThreshold', t(language, 'admin.fourEyes'), { inputMode: 'numeric', width: 's', hint: t(language, 'admin.fourEyesHint') })}
    ${field('grantYears', t(language, 'admin.grantYears'), { inputMode: 'numeric', width: 'xs', maxLength: 1, hint: t(language, 'admin.grantYearsHint') })}
    ${field('yearlyBudgets', t(language, 'admin.yearlyBudgets'), { width: 'l', maxLength: 200, optional: true, hint: t(language, 'admin.yearlyBudgetsHint') })}

    <h2>${t(language, 'admin.sectionDates')}</h2>
    <p class="form-hint">${t(language, lawWording('admin.dateHint', requestJurisdiction(res.req)))}</p>
    <div class="gf-row-fields">
      ${field('opensAt', t(language, 'admin.opensOn'), { type: 'date', width: 's' })}
      ${field('opensAtTime', t(language, 'admin.opensAt'), { width: 'xs', maxLength: 5, attrs: { placeholder: 'TT:MM' } })}
    </div>
    <div class="gf-row-fields">
      ${field('closesAt', t(language, 'admin.closesOn'), { type: 'date', width: 's', optional: true })}
      ${field('closesAtTime', t(language, 'admin.closesAt'), { hint: t(language, 'admin.closesAtHint'), width: 'xs', maxLength: 5, optional: true, attrs: { placeholder: 'TT:MM' } })}
    </div>

    <h2>${t(language, 'admin.sectionScope')}</h2>
    ${choices('targetGroups', t(language, 'admin.targetGroups'), TARGET_GROUPS.map((group) => ({ value: group, label: t(language, `common.targetGroup.${group}`) })))}
    ${choices('excludedCostCategories', t(language, 'admin.excludedCosts'), BUDGET_CATEGORIES.map((category) => ({ value: category, label: capitalised(budgetCategoryName(language, category)) })))}

    ${renderRuleFields(language, v, errors, t(language, 'admin.fromSchemeHint'))}

    <h2>${t(language, 'admin.sectionDurations')}</h2>
    <p class="form-hint">${t(language, 'admin.durationsHint')}</p>
    ${field('processSettings.answerDeadline', t(language, 'admin.answerDeadline'), { width: 's', maxLength: 40 })}
    ${field('processSettings.answerReminders', t(language, 'admin.answerReminders'), { width: 'l', maxLength: 200, hint: t(language, 'admin.remindersHint') })}
    ${field('processSettings.decisionTarget', t(language, 'admin.decisionTarget'), { width: 's', maxLength: 40 })}
    ${field('processSettings.payoutAfter', t(language, 'admin.payoutAfter'), { width: 's', maxLength: 40 })}
    ${choices('processSettings.reportDue.kind', t(language, 'admin.reportDueKind'), [
      { value: 'after_activity_end', label: t(language, 'admin.reportDue.after_activity_end') },
      { value: 'fixed_date_next_year', label: t(language, 'admin.reportDue.fixed_date_next_year') },
    ], { one: true })}
    ${field('processSettings.reportDue.duration', t(language, 'admin.reportDueDuration'), { width: 's', maxLength: 40, optional: true })}
    <div class="gf-row-fields">
      ${field('processSettings.reportDue.month', t(language, 'admin.reportDueMonth'), { inputMode: 'numeric', width: 'xs', maxLength: 2, optional: true })}
      ${field('processSettings.reportDue.day', t(language, 'admin.reportDueDay'), { inputMode: 'numeric', width: 'xs', maxLength: 2, optional: true })}
    </div>
    ${field('processSettings.reportReminders', t(language, 'admin.reportReminders'), { width: 'xl', maxLength: 200, hint: t(language, 'admin.offsetsHint') })}
    ${field('processSettings.reportOpensBeforeDue', t(language, 'admin.reportOpensBeforeDue'), { width: 's', maxLength: 40 })}
    ${field('processSettings.reportEscalationAfter', t(language, 'admin.reportEscalationAfter'), { width: 's', maxLength: 40 })}
    ${field('processSettings.reportResubmissionDeadline', t(language, 'admin.reportResubmissionDeadline'), { width: 's', maxLength: 40 })}
    ${field('processSettings.reconsiderationPeriod', t(language, 'admin.reconsiderationPeriod'), { width: 's', maxLength: 40 })}
    ${field('processSettings.repaymentDue', t(language, 'admin.repaymentDue'), { width: 's', maxLength: 40 })}
    ${field('processSettings.repaymentReminders', t(language, 'admin.repaymentReminders'), { width: 'xl', maxLength: 200, hint: t(language, 'admin.offsetsHint') })}
    ${field('processSettings.acceptancePeriod', t(language, 'admin.acceptancePeriod'), { width: 's', maxLength: 40, hint: t(language, 'admin.acceptancePeriodHint') })}
    ${field('processSettings.acceptanceReminders', t(language, 'admin.acceptanceReminders'), { width: 'xl', maxLength: 200, hint: t(language, 'admin.offsetsHint') })}

    ${renderFrameFields(language, v, errors, undefined, requestJurisdiction(res.req))}

    <button type="submit" class="button button-primary">${options.submitLabel}</button>
  </form>`;
}
