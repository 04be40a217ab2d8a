import { Router } from 'express';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { Database } from '../../../lib/db';
import { bankAccountCorrectionSchema } from '../../../domain/bank-account-input';
import { correctPayoutAccount } from '../casework/payout-account';
import { applicationIdOf } from '../http/case-access';
import { requestJurisdiction, requestLanguage } from '../http/language';
import { requireStaff } from '../http/staff';
import { errorResponse, jsonBody, jsonResponse, SECURITY, uuidPath } from '../http/openapi';

const correctionAnswer = z.object({
  account: z.string().meta({ description: 'The account as it now stands, masked: only its last five digits ("•••• •• 78903")' }),
  changed: z.boolean().meta({ description: 'False when the case already had this account: nothing stored, no event' }),
});

export const paths: ZodOpenApiPathsObject = {
  '/applications/{id}/payout-account': {
    put: {
      summary:
        'Correct the account number the grant is paid to (caseworker, approver; JURISDICTION=NO). Recorded as the case event payout_account_corrected with its time; ' +
        'the event, the audit log and every page show the old and new number masked. The next payout file carries the new number in full',
      security: SECURITY.staff,
      requestParams: { path: uuidPath('id') },
      requestBody: jsonBody(bankAccountCorrectionSchema.meta({ id: 'PayoutAccountCorrection' })),
      responses: {
        200: jsonResponse('Stored (or already so)', correctionAnswer),
        400: errorResponse('Not a valid kontonummer (11 digits, modulus 11): nothing stored'),
        403: errorResponse('Role not allowed'),
        404: errorResponse('No such application'),
        409: errorResponse('payout_account_not_collected: a Danish deployment pays to the NemKonto and keeps no account'),
      },
    },
  },
};

/** The caseworker's correction of the payout account, the same rules as the case page's form. */
export function payoutAccountRouter({ db }: { db: Database }): Router {
  const router = Router();
  router.put('/applications/:id/payout-account', async (req, res) => {
    const staff = requireStaff(res, 'case.correctPayoutAccount');
    const id = applicationIdOf(req);
    res.set('Cache-Control', 'no-store').json(await correctPayoutAccount(db, staff, id, req.body, requestLanguage(req), requestJurisdiction(req)));
  });
  return router;
}
