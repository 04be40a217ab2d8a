import { Router, type Request } from 'express';
import type { Config } from '../../../lib/config';
import type { Database } from '../../../lib/db';
import { ApiError, parseInput } from '../http/errors';
import { requestLanguage } from '../http/language';
import { requireStaff } from '../http/staff';
import { statsQuerySchema, resolvePeriod } from '../stats/query';
import { schemeIdOf } from '../stats/scheme-filter';
import { messageKey } from '../../../domain/message-key';
import { t } from '../../../locale';
import { statsSummary, type SummaryQuery } from '../stats/summary';
import { councilLanguage, renderCouncilBrief } from '../stats/council-brief';

/** The validated period, round and scheme of a statistics request; a bad one is a 400 with field issues. */
export async function parseStatsQuery(req: Request, db: Database): Promise<SummaryQuery> {
  const query = parseInput(statsQuerySchema, req.query, req);
  const resolved = resolvePeriod(query, requestLanguage(req));
  if ('issue' in resolved) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [resolved.issue]);
  const schemeId = query.scheme ? await schemeIdOf(db, query.scheme) : undefined;
  if (query.scheme && !schemeId) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path: 'scheme', message: messageKey('errors.scheme.unknown') }]);
  return { ...resolved.period, ...(query.roundId ? { roundId: query.roundId } : {}), ...(schemeId ? { schemeId } : {}) };
}

/** Statistics for politicians and staff: figures only, never a person. */
export function statsRouter({ db, config }: { db: Database; config: Config }): Router {
  const router = Router();

  router.get('/stats/summary', async (req, res) => {
    requireStaff(res, 'stats.read');
    const query = await parseStatsQuery(req, db);
    res.set('Cache-Control', 'no-store').json(await statsSummary(db, query, requestLanguage(req)));
  });

  router.get('/stats/council-brief.pdf', async (req, res) => {
    requireStaff(res, 'stats.read');
    const query = await parseStatsQuery(req, db);
    const sender = { municipality: config.MUNICIPALITY_NAME, department: config.MUNICIPALITY_DEPARTMENT, law: config.JURISDICTION };
    const language = councilLanguage(sender);
    const summary = await statsSummary(db, query, language);
    const pdf = await renderCouncilBrief(summary, sender);
    res
      .set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${t(language, 'stats.briefFilename', { from: query.from, to: query.to })}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(pdf);
  });

  return router;
}
