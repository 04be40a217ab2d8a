import { z } from 'zod';
import { t, type Language } from '../../../locale';
import { localDay } from '../../../domain/stats/case-timeline';
import { slugSchema } from '../../../domain/round-input';
import { defaultPeriod, type StatsPeriod } from './period';

/** The query of every statistics view: a period of whole days and optionally one round and one scheme (by slug). */
export const statsQuerySchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  roundId: z.uuid().optional(),
  scheme: slugSchema.optional(),
  lang: z.enum(['da', 'nb', 'en']).optional(),
});

export const MAX_PERIOD_DAYS = 5 * 366;

export interface PeriodIssue {
  path: 'to';
  message: string;
}

/** The period asked for (the last twelve months by default), or the issue with it. */
export function resolvePeriod(query: { from?: string; to?: string }, language: Language, today = localDay(new Date())): { period: StatsPeriod } | { issue: PeriodIssue } {
  const fallback = defaultPeriod(today);
  const period = { from: query.from ?? fallback.from, to: query.to ?? (query.from && query.from > today ? query.from : today) };
  if (period.to < period.from) return { issue: { path: 'to', message: t(language, 'stats.period.order') } };
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000;
  if (days > MAX_PERIOD_DAYS) return { issue: { path: 'to', message: t(language, 'stats.period.length') } };
  return { period };
}
