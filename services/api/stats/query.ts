import { z } from 'zod';
import type { Language } from '../../../lib/languages';
import { localDay } from '../../../domain/stats/case-timeline';
import { defaultPeriod, type StatsPeriod } from './period';

/** The query of every statistics view: a period of whole days and optionally one round. */
export const statsQuerySchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  roundId: z.uuid().optional(),
  lang: z.enum(['da', 'nb', 'en']).optional(),
});

export const MAX_PERIOD_DAYS = 5 * 366;

const PERIOD_MESSAGES = {
  order: { da: 'Slutdatoen skal være samme dag som eller efter startdatoen.', nb: 'Sluttdatoen må være samme dag som eller etter startdatoen.', en: 'The end date must be on or after the start date.' },
  length: { da: 'Perioden kan højst være fem år.', nb: 'Perioden kan være høyst fem år.', en: 'The period can be at most five years.' },
} as const;

export interface PeriodIssue {
  path: 'to';
  message: string;
}

/** The period asked for (the last twelve months by default), or the issue with it. */
export function resolvePeriod(query: { from?: string; to?: string }, language: Language, today = localDay(new Date())): { period: StatsPeriod } | { issue: PeriodIssue } {
  const fallback = defaultPeriod(today);
  const period = { from: query.from ?? fallback.from, to: query.to ?? (query.from && query.from > today ? query.from : today) };
  if (period.to < period.from) return { issue: { path: 'to', message: PERIOD_MESSAGES.order[language] } };
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000;
  if (days > MAX_PERIOD_DAYS) return { issue: { path: 'to', message: PERIOD_MESSAGES.length[language] } };
  return { period };
}
