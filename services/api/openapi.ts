import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { mergePaths, jsonResponse } from './http/openapi';
import { z } from 'zod';
import { DEFAULT_JURISDICTION, type Jurisdiction } from '../../domain/jurisdiction';
import { paths as accessLog } from './routes/access-log';
import { paths as adminOutbox } from './routes/admin-outbox';
import { paths as adminRounds } from './routes/admin-rounds';
import { paths as adminSchemes } from './routes/admin-schemes';
import { paths as adminStaff } from './routes/admin-staff';
import { paths as allocation } from './routes/allocation';
import { paths as applications } from './routes/applications';
import { paths as auth } from './routes/auth';
import { paths as caseActions } from './routes/case-actions';
import { paths as acceptance } from './routes/acceptance';
import { paths as privateLinks } from './routes/private-links';
import { paths as documents } from './routes/documents';
import { components as draftComponents, paths as drafts } from './routes/drafts';
import { paths as payoutRuns } from './routes/payout-runs';
import { paths as queue } from './routes/queue';
import { paths as rounds } from './routes/rounds';
import { paths as staffTies } from './routes/staff-ties';
import { paths as payoutAccount } from './routes/payout-account';
import { paths as statistics } from './stats/openapi-paths';

/** The document describing itself, served beside the routes it describes. */
const documentPath: ZodOpenApiPathsObject = {
  '/openapi.json': { get: { summary: 'This OpenAPI document', responses: { 200: jsonResponse('The document', z.looseObject({ openapi: z.string() })) } } },
};

/**
 * The OpenAPI document served at /api/v1/openapi.json, assembled from the operations each router
 * declares next to its handlers. Request bodies and parameters are the zod schemas the API
 * validates with, so the document cannot drift from the code.
 */
export function openApiDocument(publicBaseUrl: string, jurisdiction: Jurisdiction = DEFAULT_JURISDICTION) {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'grantflow API',
      version: '1',
      description:
        'Municipal grant applications (§18-midler): submit, follow and decide. Amounts are whole kroner. ' +
        `Error messages follow ?lang= (da, nb, en) or Accept-Language; ${jurisdiction === 'DK' ? 'Danish' : 'Norwegian bokmål'} by default. ` +
        (jurisdiction === 'DK'
          ? 'Associations are identified by their Danish CVR number (8 digits); a deployment with JURISDICTION=NO takes a Norwegian organisasjonsnummer (9 digits) instead.'
          : 'Associations are identified by their Norwegian organisasjonsnummer (9 digits, Enhetsregisteret); the fields keep the name cvr. A deployment with JURISDICTION=DK takes a Danish CVR number (8 digits) instead.'),
    },
    servers: [{ url: new URL('/api/v1', publicBaseUrl).toString() }],
    components: {
      securitySchemes: {
        applicantToken: { type: 'http', scheme: 'bearer', description: 'The accessToken returned when the application was submitted (or the token of a private link from an email).' },
        staffToken: { type: 'http', scheme: 'bearer', description: 'The token from POST /auth/login.' },
        draftToken: { type: 'http', scheme: 'bearer', description: 'The token returned once by POST /drafts (also in the resume link as ?adgang=). It opens only its own draft.' },
      },
      schemas: { ...draftComponents(jurisdiction).schemas },
    },
    paths: mergePaths(documentPath, auth, rounds, adminRounds, adminSchemes, applications(jurisdiction), drafts(jurisdiction), caseActions, acceptance, privateLinks, documents, queue, allocation, adminStaff, staffTies(jurisdiction), payoutAccount, accessLog, adminOutbox, payoutRuns, statistics),
  });
}
