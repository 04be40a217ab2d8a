import type { Response } from 'express';
import { t, type Language } from '../../../../locale';
import { CALENDAR_DATE, END_OF_DAY, isEndOfDayIn, START_OF_DAY, wallClockIn, wallTimeToInstant } from '../../../../domain/time-zone';
import { BUDGET_CATEGORIES, TARGET_GROUPS } from '../../../../domain/categories';
import { budgetCategoryName } from '../../../../locale';
import { ROUND_MODES, type RoundInput } from '../../../../domain/round-input';
import { APPLICATION_DOCUMENT_KINDS, REPORT_REQUIREMENTS } from '../../../../domain/tiers';
import { choiceGroup, selectField, textArea, textField, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { staffCsrfField } from '../staff/shell';
import { FRAME_FIELD_NAMES, frameFormValues, frameFromForm, renderFrameFields } from './round-frame-fields';

// The funding-round form: every setting of a round on one page, without JavaScript. Each input is
// named by the path of the setting it holds (reportingTiers.0.upToKroner), so a refusal from the
// shared validation lands on the very field it concerns.

const EXTRA_TIER_ROWS = 1;
const EXTRA_CRITERION_ROWS = 2;
const MAX_TIER_ROWS = 8;

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

export function formValuesOf(round: RoundInput): RoundFormValues {
  const opens = wallClock(round.opensAt);
  const closes = round.closesAt ? wallClock(round.closesAt) : undefined;
  const values: RoundFormValues = {
    slug: round.slug,
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
  };
  round.reportingTiers.forEach((tier, index) => {
    values[`reportingTiers.${index}.upToKroner`] = tier.upToKroner === null ? '' : String(tier.upToKroner);
    values[`reportingTiers.${index}.requirement`] = tier.requirement;
    values[`reportingTiers.${index}.applicationDocuments`] = [...tier.applicationDocuments];
  });
  round.decisionCriteria.forEach((criterion, index) => {
    values[`decisionCriteria.${index}.code`] = criterion.code;
    values[`decisionCriteria.${index}.label.da`] = criterion.label.da;
    values[`decisionCriteria.${index}.label.nb`] = criterion.label.nb ?? '';
    values[`decisionCriteria.${index}.label.en`] = criterion.label.en ?? '';
  });
  const process = round.processSettings;
  values['processSettings.answerDeadline'] = process.answerDeadline;
  values['processSettings.answerReminders'] = process.answerReminders.join(', ');
  values['processSettings.decisionTarget'] = process.decisionTarget;
  values['processSettings.payoutAfter'] = process.payoutAfter;
  values['processSettings.reportDue.kind'] = process.reportDue.kind;
  values['processSettings.reportDue.duration'] = process.reportDue.kind === 'after_activity_end' ? process.reportDue.duration : '';
  values['processSettings.reportDue.month'] = process.reportDue.kind === 'fixed_date_next_year' ? String(process.reportDue.month) : '';
  values['processSettings.reportDue.day'] = process.reportDue.kind === 'fixed_date_next_year' ? String(process.reportDue.day) : '';
  values['processSettings.reportReminders'] = process.reportReminders.join(', ');
  values['processSettings.reportEscalationAfter'] = process.reportEscalationAfter;
  values['processSettings.reportResubmissionDeadline'] = process.reportResubmissionDeadline;
  values['processSettings.reconsiderationPeriod'] = process.reconsiderationPeriod;
  return { ...values, ...frameFormValues(round.legalFrame) };
}

/** A blank form for a new round, with the defaults most rounds keep. */
export function newRoundValues(defaults: RoundInput): RoundFormValues {
  return { ...formValuesOf(defaults), slug: '', name: '', budget: '', maxAmount: '' };
}

/** A field's text, whether posted or held by the form ('' when there is none or it is a list). */
function text(fields: FormBody, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value : '';
}

/** A multiple-choice field's values (a single choice arrives as a string). */
function list(fields: FormBody, name: string): string[] {
  const value = fields[name];
  return (Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : []).filter((item): item is string => typeof item === 'string');
}

/** How many rows of a repeated group (reportingTiers.<n>.…) the fields hold, at most 50. */
function rowCount(fields: FormBody, prefix: string): number {
  const indexes = Object.keys(fields)
    .map((key) => new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number);
  return indexes.length ? Math.min(Math.max(...indexes) + 1, 50) : 0;
}

/**
 * The form's fields as the round the shared validation expects, plus the problems only the form
 * can have (a number or a date that does not read as one). Blank rows are left out.
 */
export function roundFromForm(body: FormBody, language: Language): { input: Record<string, unknown>; values: RoundFormValues; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const values: RoundFormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== '_csrf' && (typeof value === 'string' || Array.isArray(value))) values[key] = value as string | string[];
  }

  const kroner = (name: string, { optional = false } = {}): number | null | undefined => {
    const raw = text(body, name).replace(/[\s.]/g, '');
    if (!raw) return optional ? null : undefined;
    if (!/^\d{1,12}$/.test(raw)) {
      errors[name] = t(language, 'admin.notANumber');
      return undefined;
    }
    return Number(raw);
  };
  const instant = (name: string, { optional = false, dayPart = 'start' as 'start' | 'end' } = {}): string | null | undefined => {
    const date = text(body, name).trim();
    if (!date) return optional ? null : undefined;
    const at = localInstant(date, text(body, `${name}Time`).trim(), dayPart);
    if (!at) errors[name] = t(language, 'admin.notADate');
    return at;
  };
  const durations = (name: string) =>
    text(body, name)
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);

  const reportingTiers = [];
  for (let index = 0; index < rowCount(body, 'reportingTiers'); index += 1) {
    const requirement = text(body, `reportingTiers.${index}.requirement`);
    const documents = list(body, `reportingTiers.${index}.applicationDocuments`);
    const upTo = text(body, `reportingTiers.${index}.upToKroner`);
    if (!requirement && !documents.length && !upTo.trim()) continue;
    reportingTiers.push({ upToKroner: kroner(`reportingTiers.${index}.upToKroner`, { optional: true }), requirement, applicationDocuments: documents });
  }

  const decisionCriteria = [];
  for (let index = 0; index < rowCount(body, 'decisionCriteria'); index += 1) {
    const field = (name: string) => text(body, `decisionCriteria.${index}.${name}`).trim();
    if (![field('code'), field('label.da'), field('label.nb'), field('label.en')].some(Boolean)) continue;
    decisionCriteria.push({
      code: field('code'),
      label: { da: field('label.da'), ...(field('label.nb') ? { nb: field('label.nb') } : {}), ...(field('label.en') ? { en: field('label.en') } : {}) },
    });
  }

  const reportDueKind = text(body, 'processSettings.reportDue.kind');
  const reportDue =
    reportDueKind === 'fixed_date_next_year'
      ? { kind: reportDueKind, month: Number(text(body, 'processSettings.reportDue.month')) || undefined, day: Number(text(body, 'processSettings.reportDue.day')) || undefined }
      : { kind: 'after_activity_end', duration: text(body, 'processSettings.reportDue.duration').trim() };

  const input = {
    slug: text(body, 'slug').trim(),
    name: text(body, 'name'),
    description: text(body, 'description'),
    budget: kroner('budget'),
    maxAmount: kroner('maxAmount'),
    fourEyesThreshold: kroner('fourEyesThreshold'),
    opensAt: instant('opensAt'),
    closesAt: instant('closesAt', { optional: true, dayPart: 'end' }),
    mode: text(body, 'mode') || undefined,
    targetGroups: list(body, 'targetGroups'),
    excludedCostCategories: list(body, 'excludedCostCategories'),
    reportingTiers,
    decisionCriteria,
    processSettings: {
      answerDeadline: text(body, 'processSettings.answerDeadline').trim(),
      answerReminders: durations('processSettings.answerReminders'),
      decisionTarget: text(body, 'processSettings.decisionTarget').trim(),
      payoutAfter: text(body, 'processSettings.payoutAfter').trim(),
      reportDue,
      reportReminders: durations('processSettings.reportReminders'),
      reportEscalationAfter: text(body, 'processSettings.reportEscalationAfter').trim(),
      reportResubmissionDeadline: text(body, 'processSettings.reportResubmissionDeadline').trim(),
      reconsiderationPeriod: text(body, 'processSettings.reconsiderationPeriod').trim(),
    },
    legalFrame: frameFromForm(body),
  };
  return { input, values, errors };
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
  language: Language;
  values: RoundFormValues;
  errors: FieldErrors;
  submitLabel: string;
}

/** The names of every input the form renders for these values (to place errors on). */
export function roundFieldNames(formValues: RoundFormValues): string[] {
  const tiers = tierRowCount(formValues);
  const criteria = criterionRowCount(formValues);
  return [
    'slug', 'name', 'description', 'budget', 'maxAmount', 'fourEyesThreshold', 'opensAt', 'closesAt', 'mode', 'targetGroups', 'excludedCostCategories',
    ...Array.from({ length: tiers }, (_, i) => [`reportingTiers.${i}.upToKroner`, `reportingTiers.${i}.requirement`, `reportingTiers.${i}.applicationDocuments`]).flat(),
    ...Array.from({ length: criteria }, (_, i) => [`decisionCriteria.${i}.code`, `decisionCriteria.${i}.label.da`, `decisionCriteria.${i}.label.nb`, `decisionCriteria.${i}.label.en`]).flat(),
    'processSettings.answerDeadline', 'processSettings.answerReminders', 'processSettings.decisionTarget', 'processSettings.payoutAfter',
    'processSettings.reportDue.kind', 'processSettings.reportDue.duration', 'processSettings.reportDue.month', 'processSettings.reportDue.day',
    'processSettings.reportReminders', 'processSettings.reportEscalationAfter', 'processSettings.reportResubmissionDeadline',
    'processSettings.reconsiderationPeriod',
    ...FRAME_FIELD_NAMES,
  ];
}

function tierRowCount(formValues: RoundFormValues): number {
  return Math.min(rowCount(formValues, 'reportingTiers') + EXTRA_TIER_ROWS, MAX_TIER_ROWS);
}

function criterionRowCount(formValues: RoundFormValues): number {
  return Math.min(rowCount(formValues, 'decisionCriteria') + EXTRA_CRITERION_ROWS, 50);
}

/** A repeated group of fields (reportingTiers.<n>.…): one numbered fieldset per row. */
function rows(count: number, prefix: string, legend: (n: number) => string, fields: (name: (part: string) => string) => SafeHtml): SafeHtml[] {
  return Array.from({ length: count }, (_, index) => html`<fieldset class="gf-budget-row">
    <legend class="h4">${legend(index + 1)}</legend>
    ${fields((part) => `${prefix}.${index}.${part}`)}
  </fieldset>`);
}

export function renderRoundForm(res: Response, cookieSecret: string, options: RoundFormOptions): SafeHtml {
  const { language, values: v, errors } = options;
  const field = (name: string, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
    textField({ name, label, language, value: text(v, name), error: errors[name], ...extra });
  /** A set of checkboxes, or of radio buttons (`one`), holding what the form holds for `name`. */
  const choices = (name: string, label: string, options: { value: string; label: string }[], { one = false } = {}) =>
    choiceGroup({ name, label, language, multiple: !one, value: one ? text(v, name) : list(v, name), error: errors[name], options });
  const tiers = tierRowCount(v);
  const criteria = criterionRowCount(v);
  return html`<form method="post" action="${options.action}" novalidate>
    ${staffCsrfField(res, cookieSecret)}
    <h2>${t(language, 'admin.sectionBasics')}</h2>
    ${field('name', t(language, 'admin.roundName'), { width: 'xl', maxLength: 200 })}
    ${field('slug', t(language, 'admin.slug'), { hint: t(language, 'admin.slugHint'), width: 'l', maxLength: 100, autocomplete: 'off' })}
    ${textArea({ name: 'description', label: t(language, 'admin.description'), language, value: text(v, 'description'), error: errors.description, maxLength: 4000, rows: 4, optional: true })}
    ${choices('mode', t(language, 'admin.mode'), ROUND_MODES.map((mode) => ({ value: mode, label: t(language, `admin.mode.${mode}`) })), { one: true })}

    <h2>${t(language, 'admin.sectionMoney')}</h2>
    ${field('budget', t(language, 'admin.budgetField'), { inputMode: 'numeric', width: 's' })}
    ${field('maxAmount', t(language, 'admin.maxAmount'), { inputMode: 'numeric', width: 's' })}
    ${field('fourEyesThreshold', t(language, 'admin.fourEyes'), { inputMode: 'numeric', width: 's', hint: t(language, 'admin.fourEyesHint') })}

    <h2>${t(language, 'admin.sectionDates')}</h2>
    <p class="form-hint">${t(language, 'admin.dateHint')}</p>
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

    <h2>${t(language, 'admin.sectionTiers')}</h2>
    <p class="form-hint">${t(language, 'admin.tiersHint')}</p>
    ${rows(tiers, 'reportingTiers', (n) => t(language, 'admin.tier', { n }), (name) => html`
        <div class="gf-row-fields">
          ${field(name('upToKroner'), t(language, 'admin.upTo'), { inputMode: 'numeric', width: 's', optional: true })}
          ${selectField({
            name: name('requirement'),
            label: t(language, 'admin.requirement'),
            language,
            value: text(v, name('requirement')),
            error: errors[name('requirement')],
            emptyLabel: '—',
            options: REPORT_REQUIREMENTS.map((requirement) => ({ value: requirement, label: t(language, `admin.requirement.${requirement}`) })),
          })}
        </div>
        ${choices(name('applicationDocuments'), t(language, 'admin.documents'), APPLICATION_DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(language, `admin.document.${kind}`) })))}`)}

    <h2>${t(language, 'admin.sectionCriteria')}</h2>
    <p class="form-hint">${t(language, 'admin.criteriaHint')}</p>
    ${rows(criteria, 'decisionCriteria', (n) => t(language, 'admin.criterion', { n }), (name) => html`
        ${field(name('code'), t(language, 'admin.criterionCode'), { width: 'm', maxLength: 100, autocomplete: 'off' })}
        ${field(name('label.da'), t(language, 'admin.criterionDa'), { width: 'xl', maxLength: 500 })}
        ${field(name('label.nb'), t(language, 'admin.criterionNb'), { width: 'xl', maxLength: 500, optional: true })}
        ${field(name('label.en'), t(language, 'admin.criterionEn'), { width: 'xl', maxLength: 500, optional: true })}`)}

    <h2>${t(language, 'admin.sectionDurations')}</h2>
    <p class="form-hint">${t(language, 'admin.durationsHint')}</p>
    ${field('processSettings.answerDeadline', t(language, 'admin.answerDeadline'), { width: 's', maxLength: 40 })}
    ${field('processSettings.answerReminders', t(language, 'admin.answerReminders'), { width: 'm', maxLength: 200 })}
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
    ${field('processSettings.reportReminders', t(language, 'admin.reportReminders'), { width: 'm', maxLength: 200 })}
    ${field('processSettings.reportEscalationAfter', t(language, 'admin.reportEscalationAfter'), { width: 's', maxLength: 40 })}
    ${field('processSettings.reportResubmissionDeadline', t(language, 'admin.reportResubmissionDeadline'), { width: 's', maxLength: 40 })}
    ${field('processSettings.reconsiderationPeriod', t(language, 'admin.reconsiderationPeriod'), { width: 's', maxLength: 40 })}

    ${renderFrameFields(language, v, errors)}

    <button type="submit" class="button button-primary">${options.submitLabel}</button>
  </form>`;
}
