import type { Response } from 'express';
import type { Language } from '../../../../lib/languages';
import { BUDGET_CATEGORIES, TARGET_GROUPS } from '../../../../domain/categories';
import { budgetCategoryName } from '../../../../locale';
import { ROUND_MODES, type RoundInput } from '../../../../domain/round-input';
import { APPLICATION_DOCUMENT_KINDS, DANISH_TIME_ZONE, REPORT_REQUIREMENTS } from '../../../../domain/tiers';
import { TARGET_GROUP_LABELS } from '../apply/texts';
import { choiceGroup, selectField, textArea, textField, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { staffCsrfField } from '../staff/shell';
import { fill } from './page';
import { ADMIN_TEXTS as T } from './texts';

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

// ── Danish time ─────────────────────────────────────────────────────────────────────────────

function zoneParts(ms: number) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: DANISH_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(ms);
  const get = (type: string) => parts.find((part) => part.type === type)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

function zoneOffsetMs(ms: number): number {
  const { date, time } = zoneParts(ms);
  return Date.parse(`${date}T${time}:00Z`) - Math.floor(ms / 60_000) * 60_000;
}

/** A date and time on a Danish wall clock as an instant, or undefined when they do not parse. */
export function danishInstant(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) return undefined;
  const wall = Date.parse(`${date}T${time.padStart(5, '0')}:00Z`);
  if (Number.isNaN(wall)) return undefined;
  let utc = wall - zoneOffsetMs(wall);
  utc = wall - zoneOffsetMs(utc);
  return new Date(utc).toISOString();
}

// ── From the round to the form and back ────────────────────────────────────────────────────────

export function formValuesOf(round: RoundInput): RoundFormValues {
  const opens = zoneParts(Date.parse(round.opensAt));
  const closes = round.closesAt ? zoneParts(Date.parse(round.closesAt)) : undefined;
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
  return values;
}

/** A blank form for a new round, with the defaults most rounds keep. */
export function newRoundValues(defaults: RoundInput): RoundFormValues {
  return { ...formValuesOf(defaults), slug: '', name: '', budget: '', maxAmount: '' };
}

function text(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

function list(body: FormBody, name: string): string[] {
  const value = body[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string');
}

function rowCount(body: FormBody, prefix: string): number {
  const indexes = Object.keys(body)
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
      errors[name] = T.notANumber[language];
      return undefined;
    }
    return Number(raw);
  };
  const instant = (name: string, { optional = false } = {}): string | null | undefined => {
    const date = text(body, name).trim();
    if (!date) return optional ? null : undefined;
    const at = danishInstant(date, text(body, `${name}Time`).trim() || '00:00');
    if (!at) errors[name] = T.notADate[language];
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
    closesAt: instant('closesAt', { optional: true }),
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
    },
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

function value(values: RoundFormValues, name: string): string {
  const found = values[name];
  return typeof found === 'string' ? found : '';
}

function values(values: RoundFormValues, name: string): string[] {
  const found = values[name];
  return Array.isArray(found) ? found : typeof found === 'string' && found ? [found] : [];
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
  ];
}

function usedRows(formValues: RoundFormValues, prefix: string): number {
  const indexes = Object.keys(formValues)
    .map((key) => new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number);
  return indexes.length ? Math.max(...indexes) + 1 : 0;
}

function tierRowCount(formValues: RoundFormValues): number {
  return Math.min(usedRows(formValues, 'reportingTiers') + EXTRA_TIER_ROWS, MAX_TIER_ROWS);
}

function criterionRowCount(formValues: RoundFormValues): number {
  return Math.min(usedRows(formValues, 'decisionCriteria') + EXTRA_CRITERION_ROWS, 50);
}

export function renderRoundForm(res: Response, cookieSecret: string, options: RoundFormOptions): SafeHtml {
  const { language, values: v, errors } = options;
  const field = (name: string, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
    textField({ name, label, language, value: value(v, name), error: errors[name], ...extra });
  const tiers = tierRowCount(v);
  const criteria = criterionRowCount(v);
  return html`<form method="post" action="${options.action}" novalidate>
    ${staffCsrfField(res, cookieSecret)}
    <h2>${T.sectionBasics[language]}</h2>
    ${field('name', T.roundName[language], { width: 'xl', maxLength: 200 })}
    ${field('slug', T.slug[language], { hint: T.slugHint[language], width: 'l', maxLength: 100, autocomplete: 'off' })}
    ${textArea({ name: 'description', label: T.description[language], language, value: value(v, 'description'), error: errors.description, maxLength: 4000, rows: 4, optional: true })}
    ${choiceGroup({
      name: 'mode',
      label: T.mode[language],
      language,
      value: value(v, 'mode'),
      error: errors.mode,
      options: ROUND_MODES.map((mode) => ({ value: mode, label: T[`mode_${mode}`][language] })),
    })}

    <h2>${T.sectionMoney[language]}</h2>
    ${field('budget', T.budgetField[language], { inputMode: 'numeric', width: 's' })}
    ${field('maxAmount', T.maxAmount[language], { inputMode: 'numeric', width: 's' })}
    ${field('fourEyesThreshold', T.fourEyes[language], { inputMode: 'numeric', width: 's', hint: T.fourEyesHint[language] })}

    <h2>${T.sectionDates[language]}</h2>
    <p class="form-hint">${T.dateHint[language]}</p>
    <div class="gf-row-fields">
      ${field('opensAt', T.opensOn[language], { type: 'date', width: 's' })}
      ${field('opensAtTime', T.opensAt[language], { width: 'xs', maxLength: 5, attrs: { placeholder: 'TT:MM' } })}
    </div>
    <div class="gf-row-fields">
      ${field('closesAt', T.closesOn[language], { type: 'date', width: 's', optional: true })}
      ${field('closesAtTime', T.closesAt[language], { width: 'xs', maxLength: 5, optional: true, attrs: { placeholder: 'TT:MM' } })}
    </div>

    <h2>${T.sectionScope[language]}</h2>
    ${choiceGroup({
      name: 'targetGroups',
      label: T.targetGroups[language],
      language,
      multiple: true,
      value: values(v, 'targetGroups'),
      error: errors.targetGroups,
      options: TARGET_GROUPS.map((group) => ({ value: group, label: TARGET_GROUP_LABELS[group][language] })),
    })}
    ${choiceGroup({
      name: 'excludedCostCategories',
      label: T.excludedCosts[language],
      language,
      multiple: true,
      value: values(v, 'excludedCostCategories'),
      error: errors.excludedCostCategories,
      options: BUDGET_CATEGORIES.map((category) => ({ value: category, label: capitalised(budgetCategoryName(language, category)) })),
    })}

    <h2>${T.sectionTiers[language]}</h2>
    <p class="form-hint">${T.tiersHint[language]}</p>
    ${Array.from({ length: tiers }, (_, index) => {
      const name = (part: string) => `reportingTiers.${index}.${part}`;
      return html`<fieldset class="gf-budget-row">
        <legend class="h4">${fill(T.tier[language], { n: index + 1 })}</legend>
        <div class="gf-row-fields">
          ${field(name('upToKroner'), T.upTo[language], { inputMode: 'numeric', width: 's', optional: true })}
          ${selectField({
            name: name('requirement'),
            label: T.requirement[language],
            language,
            value: value(v, name('requirement')),
            error: errors[name('requirement')],
            emptyLabel: '—',
            options: REPORT_REQUIREMENTS.map((requirement) => ({ value: requirement, label: T[`requirement_${requirement}`][language] })),
          })}
        </div>
        ${choiceGroup({
          name: name('applicationDocuments'),
          label: T.documents[language],
          language,
          multiple: true,
          value: values(v, name('applicationDocuments')),
          error: errors[name('applicationDocuments')],
          options: APPLICATION_DOCUMENT_KINDS.map((kind) => ({ value: kind, label: T[`document_${kind}`][language] })),
        })}
      </fieldset>`;
    })}

    <h2>${T.sectionCriteria[language]}</h2>
    <p class="form-hint">${T.criteriaHint[language]}</p>
    ${Array.from({ length: criteria }, (_, index) => {
      const name = (part: string) => `decisionCriteria.${index}.${part}`;
      return html`<fieldset class="gf-budget-row">
        <legend class="h4">${fill(T.criterion[language], { n: index + 1 })}</legend>
        ${field(name('code'), T.criterionCode[language], { width: 'm', maxLength: 100, autocomplete: 'off' })}
        ${field(name('label.da'), T.criterionDa[language], { width: 'xl', maxLength: 500 })}
        ${field(name('label.nb'), T.criterionNb[language], { width: 'xl', maxLength: 500, optional: true })}
        ${field(name('label.en'), T.criterionEn[language], { width: 'xl', maxLength: 500, optional: true })}
      </fieldset>`;
    })}

    <h2>${T.sectionDurations[language]}</h2>
    <p class="form-hint">${T.durationsHint[language]}</p>
    ${field('processSettings.answerDeadline', T.answerDeadline[language], { width: 's', maxLength: 40 })}
    ${field('processSettings.answerReminders', T.answerReminders[language], { width: 'm', maxLength: 200 })}
    ${field('processSettings.decisionTarget', T.decisionTarget[language], { width: 's', maxLength: 40 })}
    ${field('processSettings.payoutAfter', T.payoutAfter[language], { width: 's', maxLength: 40 })}
    ${choiceGroup({
      name: 'processSettings.reportDue.kind',
      label: T.reportDueKind[language],
      language,
      value: value(v, 'processSettings.reportDue.kind'),
      error: errors['processSettings.reportDue.kind'],
      options: [
        { value: 'after_activity_end', label: T.reportDue_after[language] },
        { value: 'fixed_date_next_year', label: T.reportDue_fixed[language] },
      ],
    })}
    ${field('processSettings.reportDue.duration', T.reportDueDuration[language], { width: 's', maxLength: 40, optional: true })}
    <div class="gf-row-fields">
      ${field('processSettings.reportDue.month', T.reportDueMonth[language], { inputMode: 'numeric', width: 'xs', maxLength: 2, optional: true })}
      ${field('processSettings.reportDue.day', T.reportDueDay[language], { inputMode: 'numeric', width: 'xs', maxLength: 2, optional: true })}
    </div>
    ${field('processSettings.reportReminders', T.reportReminders[language], { width: 'm', maxLength: 200 })}
    ${field('processSettings.reportEscalationAfter', T.reportEscalationAfter[language], { width: 's', maxLength: 40 })}
    ${field('processSettings.reportResubmissionDeadline', T.reportResubmissionDeadline[language], { width: 's', maxLength: 40 })}

    <button type="submit" class="button button-primary">${options.submitLabel}</button>
  </form>`;
}
