import { t, type Language } from '../../../../locale';
import { durationListItems, formatDuration, formatOffset, readDuration, readOffset } from '../../../../locale/durations';
import type { ProcessSettings } from '../../../../domain/round-settings';
import type { FieldErrors } from '../forms';
import { text } from './form-values';

// The round form's durations in words: the form shows "14 dage" and "30 dage før fristen, på
// fristens dag", and reads what the administrator writes in the page's language back into the
// ISO-8601 durations a round stores ("P14D", "-P30D"). Each field is named by its setting's path.

type Values = Record<string, string | string[]>;

/** How a setting is written: one duration, a list of durations, or a list of offsets from a deadline. */
type Kind = 'duration' | 'durations' | 'offsets';

const DURATION_SETTINGS = {
  answerDeadline: 'duration',
  answerReminders: 'durations',
  decisionTarget: 'duration',
  payoutAfter: 'duration',
  reportReminders: 'offsets',
  reportOpensBeforeDue: 'duration',
  reportEscalationAfter: 'duration',
  reportResubmissionDeadline: 'duration',
  reconsiderationPeriod: 'duration',
  repaymentDue: 'duration',
  repaymentReminders: 'offsets',
  acceptancePeriod: 'duration',
  acceptanceReminders: 'offsets',
} as const satisfies Partial<Record<keyof ProcessSettings, Kind>>;

type DurationSetting = keyof typeof DURATION_SETTINGS;
const SETTINGS = Object.keys(DURATION_SETTINGS) as DurationSetting[];

/** The report deadline's duration after the activity's end (only when the round counts it so). */
const REPORT_DUE_DURATION = 'processSettings.reportDue.duration';

const fieldName = (setting: DurationSetting) => `processSettings.${setting}`;

/** The round's durations as the form's words. */
export function durationFormValues(language: Language, settings: ProcessSettings): Values {
  const values: Values = {};
  for (const setting of SETTINGS) {
    const value = settings[setting];
    const kind: Kind = DURATION_SETTINGS[setting];
    values[fieldName(setting)] = Array.isArray(value)
      ? value.map((item) => (kind === 'offsets' ? formatOffset(language, item) : formatDuration(language, item))).join(', ')
      : formatDuration(language, value);
  }
  values[REPORT_DUE_DURATION] = settings.reportDue.kind === 'after_activity_end' ? formatDuration(language, settings.reportDue.duration) : '';
  return values;
}

/**
 * The posted durations as ISO-8601, each field's words read in the page's language. A field that
 * does not read gets the form's own message in `errors` and is sent on empty, so the shared
 * validation refuses it too and still checks everything else. `reportOpensBeforeDue` left empty
 * is left out (the round keeps its default); every other duration must be filled in.
 */
export function durationsFromForm(body: Record<string, unknown>, language: Language, errors: FieldErrors): Partial<Record<DurationSetting, string | string[]>> {
  const read: Partial<Record<DurationSetting, string | string[]>> = {};
  for (const setting of SETTINGS) {
    const name = fieldName(setting);
    const written = text(body, name).trim();
    const kind: Kind = DURATION_SETTINGS[setting];
    if (kind === 'duration') {
      if (!written && setting === 'reportOpensBeforeDue') continue;
      const iso = readDuration(language, written);
      if (!iso) errors[name] = t(language, 'admin.notADuration');
      read[setting] = iso ?? '';
      continue;
    }
    const items = durationListItems(written);
    const isos = items.map((item) => (kind === 'offsets' ? readOffset(language, item) : readDuration(language, item)));
    const unreadable = items.find((_, index) => isos[index] === undefined);
    if (unreadable !== undefined) errors[name] = t(language, kind === 'offsets' ? 'admin.notAnOffset' : 'admin.notADurationItem', { item: unreadable });
    read[setting] = isos.map((iso) => iso ?? '');
  }
  return read;
}

/** The report deadline's duration after the activity's end, as ISO-8601 (as durationsFromForm: an error and empty when it does not read). */
export function reportDueDurationFromForm(body: Record<string, unknown>, language: Language, errors: FieldErrors): string {
  const written = text(body, REPORT_DUE_DURATION).trim();
  const iso = readDuration(language, written);
  if (!iso) errors[REPORT_DUE_DURATION] = t(language, 'admin.notADuration');
  return iso ?? '';
}
