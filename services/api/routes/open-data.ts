import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import { parseInput } from '../http/errors';
import { decidedGrants, openGrantsCsv } from '../stats/open-data';
import { councilLanguage } from '../stats/council-brief';
import { requestJurisdiction } from '../http/language';
import { t } from '../../../locale';

export const openDataQuerySchema = z.object({ roundId: z.uuid().optional() });

/** Public: every grant made, as CSV (Danish or Norwegian Excel) and JSON, in the municipality's language. */
export function openDataRouter({ db }: { db: Database }): Router {
  const router = Router();

  router.get('/open-data/grants.json', async (req, res) => {
    const { roundId } = parseInput(openDataQuerySchema, req.query, req);
    const grants = await decidedGrants(db, roundId, councilLanguage({ law: requestJurisdiction(req) }));
    // Open data is for anyone, from any site: the app-wide same-origin resource policy is lifted here.
    res.set({ 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' }).json({ generatedAt: new Date().toISOString(), count: grants.length, grants });
  });

  router.get('/open-data/grants.csv', async (req, res) => {
    const { roundId } = parseInput(openDataQuerySchema, req.query, req);
    const law = requestJurisdiction(req);
    const language = councilLanguage({ law });
    const csv = openGrantsCsv(await decidedGrants(db, roundId, language), language, law);
    res
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${t(language, 'stats.openData.filename')}"`,
        'Cache-Control': 'public, max-age=300',
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(Buffer.from(csv, 'utf8'));
  });

  return router;
}
