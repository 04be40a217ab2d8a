import { setMunicipalityTimeZone } from '../domain/time-zone';

/**
 * One policy for time and money per deployment: every date and time people read is shown in the
 * municipality's time zone, every amount in its currency. Services set it once at start-up from
 * the configuration (`MUNICIPALITY_TIME_ZONE`); until then the Danish defaults apply.
 */
export interface LocaleSettings {
  timeZone: string;
  currency: string;
}

export const DEFAULT_LOCALE_SETTINGS: LocaleSettings = { timeZone: 'Europe/Copenhagen', currency: 'DKK' };

let current: LocaleSettings = DEFAULT_LOCALE_SETTINGS;
const listeners: (() => void)[] = [];

export function configureLocale(settings: Partial<LocaleSettings>): void {
  const next = { ...current, ...settings };
  // Intl throws a RangeError on an unknown zone: better at start-up than in the first letter.
  new Intl.DateTimeFormat('en', { timeZone: next.timeZone });
  if (next.timeZone === current.timeZone && next.currency === current.currency) return;
  current = next;
  setMunicipalityTimeZone(next.timeZone);
  for (const listener of listeners) listener();
}

export function localeSettings(): LocaleSettings {
  return current;
}

/** Formatters cached per language are dropped when the settings change. */
export function onLocaleSettingsChange(listener: () => void): void {
  listeners.push(listener);
}
