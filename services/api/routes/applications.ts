import { Router } from 'express';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { Database } from '../../../lib/db';
import { applicationInputSchema } from '../../../domain/application-input';
import { perJurisdiction, type Jurisdiction } from '../../../domain/jurisdiction';
import type { Config } from '../../../lib/config';
import { oreToKroner } from '../../../domain/money';
import { maskKontonummer } from '../../../lib/bank-account';
import { formatCaseReference } from '../../../domain/reference';
import { ApiError, parseInput } from '../http/errors';
import { requestLanguage } from '../http/language';
import { idempotencyKeyOf } from '../http/idempotency';
import { arrivalTime } from '../http/arrival';
import { applicationCopy } from '../applications/application-copy';
import { sendDocument } from '../documents/download';
import { applicationIdOf, caseAccess } from '../http/case-access';
import { submitApplication, type IntakeDependencies } from '../applications/intake';
import { recordAccess } from '../audit/log';
import { REPAYMENT_OUTCOMES } from '../../../domain/repayment';
import { errorResponse, fileResponse, idempotencyHeader, jsonBody, jsonResponse, langQuery, receiptSchema, SECURITY, statusSchema, uuidPath } from '../http/openapi';

const applicationViewSchema = z
  .looseObject({
    id: z.uuid(),
    reference: z.string(),
    status: statusSchema,
    round: z.object({ id: z.string(), name: z.string() }),
    organization: z.object({
      cvr: z.string().meta({ description: 'The organisation number: a CVR number (DK) or an organisasjonsnummer (NO)' }),
      name: z.string(),
      payoutAccount: z.string().nullable().meta({ description: 'NO: the account the grant is paid to, masked to its last five digits ("•••• •• 78903"); null in Denmark (paid to the NemKonto)' }),
    }),
    project: z.object({ title: z.string() }),
    amountRequested: z.int().meta({ description: 'kroner' }),
    amountGranted: z.int().nullable().meta({ description: 'kroner' }),
    submittedAt: z.iso.datetime().nullable(),
    repayment: z
      .object({
        outcome: z.enum(REPAYMENT_OUTCOMES).nullable(),
        proposed: z.int().meta({ description: 'kroner: the unspent money proposed as the claim' }),
        claimed: z.int().nullable().meta({ description: 'kroner: what the decision claims (0 for a waiver or carry-over)' }),
        dueAt: z.iso.datetime().nullable(),
        newPeriodEnd: z.iso.date().nullable(),
        paidOn: z.iso.date().nullable(),
      })
      .nullable()
      .meta({ description: 'Unspent money after an accepted report: the proposed claim, the decision on it, the payment deadline, and when it was paid' }),
    timeline: z.array(z.looseObject({ type: z.string(), from: statusSchema.nullable(), to: statusSchema, at: z.iso.datetime() })),
  })
  .meta({ id: 'ApplicationView', description: 'The applicant also gets an open information request and an open partshøring (openConsultation: facts, message, answerBy). Staff also get the submission, screening, requests, consultations, decisions, documents, payout and reports.' });

function buildPaths(jurisdiction: Jurisdiction): ZodOpenApiPathsObject {
  return {
    '/applications': {
      post: {
        summary: 'Submit an application',
        requestParams: {
          query: langQuery,
          header: idempotencyHeader('Repeat a request with the same key and the same body to get the same receipt; nothing new is started.'),
        },
        requestBody: jsonBody(applicationInputSchema(jurisdiction).meta({ id: 'ApplicationInput' })),
        responses: {
          201: jsonResponse('Stored; the workflow is started', receiptSchema),
          400: errorResponse('Invalid input, with one issue per field (a self-organised group where the round takes associations only: applicant.kind)'),
          404: errorResponse('Unknown funding round'),
          409: errorResponse('The funding round is not open (round_closed), or is demo data for the statistics that takes no applications (round_demo)'),
          429: errorResponse('Too many new drafts or writes from this address (rate_limited); Retry-After says when to try again'),
          503: errorResponse('So many submissions arrive at once that this one found no turn (intake_busy), or Temporal does not answer; nothing is stored. Send it again after Retry-After with the same Idempotency-Key'),
          422: errorResponse('The Idempotency-Key was used for a different body'),
        },
      },
    },
    '/applications/{id}': {
      get: {
        summary: "The applicant's view of a case: status and timeline",
        security: SECURITY.caseParty,
        requestParams: { path: uuidPath('id'), query: langQuery },
        responses: {
          200: jsonResponse('The case', applicationViewSchema),
          401: errorResponse('No access token'),
          403: errorResponse('The token belongs to another application'),
          404: errorResponse('No such application'),
        },
      },
    },
    '/applications/{id}/application.pdf': {
      get: {
        summary:
          'A copy of the submitted application (PDF, tagged PDF/A), as an attachment: every field the association entered, the documents sent with it by name, ' +
          "the case number and the submission time in the municipality's time zone, in the application's language",
        security: SECURITY.caseParty,
        requestParams: { path: uuidPath('id') },
        responses: {
          200: fileResponse('The copy', 'application/pdf'),
          401: errorResponse('No access token'),
          403: errorResponse('The token belongs to another application'),
          404: errorResponse('No such application'),
          410: errorResponse('The private link has expired or been revoked (link_expired, link_revoked)'),
        },
      },
    },
  };
}

/** The operations as a deployment of the jurisdiction validates them (its organisation number). */
export const paths = perJurisdiction(buildPaths);

export function applicationsRouter(deps: IntakeDependencies & { db: Database; config: Config }): Router {
  const router = Router();
  const inputSchema = applicationInputSchema(deps.config.JURISDICTION);

  router.post('/applications', async (req, res) => {
    const idempotencyKey = idempotencyKeyOf(req);
    const input = parseInput(inputSchema, req.body, req);
    const { receipt, replayed } = await submitApplication(deps, input, idempotencyKey, requestLanguage(req), { arrivedAt: arrivalTime(res) });
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.status(201).location(receipt.statusUrl).json(receipt);
  });

  router.get('/applications/:id', async (req, res) => {
    const id = applicationIdOf(req);
    const access = await caseAccess(deps.db, req, res, id);
    const application = await deps.db.application.findUnique({
      where: { id },
      include: {
        events: { orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] },
        round: true,
        informationRequests: { orderBy: { sequence: 'asc' } },
        consultations: { orderBy: { sequence: 'asc' } },
        decisions: { orderBy: { sequence: 'asc' } },
        documents: { select: { id: true, kind: true, filename: true, contentType: true, size: true, createdAt: true } },
        reports: { orderBy: { sequence: 'asc' } },
        payouts: { orderBy: { decisionSequence: 'asc' } },
        reconsiderations: { orderBy: { sequence: 'asc' } },
        repayments: { orderBy: { reportSequence: 'desc' }, take: 1 },
        screenings: { orderBy: { createdAt: 'desc' }, take: 1 },
      },
    });
    if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
    const final = application.decisions.findLast((d) => !d.needsApproval || d.approvedAt);
    const openRequest = application.informationRequests.find((r) => !r.answeredAt && !r.lapsedAt);
    const openConsultation = application.status === 'AWAITING_COMMENTS' ? application.consultations.find((c) => !c.answeredAt && !c.deadlinePassedAt) : undefined;
    const applicantView = {
      id: application.id,
      reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
      status: application.status,
      round: { id: application.round.id, name: application.round.name },
      organization: { cvr: application.organizationCvr, name: application.organizationName, payoutAccount: application.payoutAccount ? maskKontonummer(application.payoutAccount) : null },
      project: { title: application.projectTitle },
      amountRequested: oreToKroner(application.amountRequestedOre),
      amountGranted: application.amountGrantedOre === null ? null : oreToKroner(application.amountGrantedOre),
      submittedAt: application.submittedAt?.toISOString() ?? null,
      openInformationRequest: openRequest
        ? { sequence: openRequest.sequence, items: openRequest.items, message: openRequest.message, answerBy: openRequest.answerBy.toISOString() }
        : null,
      openConsultation: openConsultation
        ? { sequence: openConsultation.sequence, facts: openConsultation.facts, message: openConsultation.message, answerBy: openConsultation.answerBy.toISOString() }
        : null,
      decision: final ? { outcome: final.outcome, amountGranted: oreToKroner(final.amountGrantedOre), decidedAt: (final.approvedAt ?? final.decidedAt).toISOString() } : null,
      letterUrl: application.documents.some((d) => d.kind === 'decision_letter') ? `/api/v1/applications/${application.id}/letter.pdf` : null,
      report: application.reports.at(-1)
        ? { requirement: application.reports.at(-1)!.requirement, dueAt: application.reports.at(-1)!.dueAt.toISOString(), submittedAt: application.reports.at(-1)!.submittedAt?.toISOString() ?? null }
        : null,
      repayment: application.repayments[0]
        ? {
            outcome: application.repayments[0].outcome,
            proposed: oreToKroner(application.repayments[0].proposedOre),
            claimed: application.repayments[0].claimedOre === null ? null : oreToKroner(application.repayments[0].claimedOre),
            dueAt: application.repayments[0].dueAt?.toISOString() ?? null,
            newPeriodEnd: application.repayments[0].newPeriodEnd?.toISOString().slice(0, 10) ?? null,
            paidOn: application.repayments[0].paidOn?.toISOString().slice(0, 10) ?? null,
          }
        : null,
      reconsiderations: application.reconsiderations.map((r) => ({
        sequence: r.sequence,
        procedure: r.procedure,
        requestedAt: r.requestedAt.toISOString(),
        outcome: r.outcome,
        answeredAt: r.answeredAt?.toISOString() ?? null,
        boardOutcome: r.boardOutcome,
        boardDecidedOn: r.boardDecidedOn?.toISOString().slice(0, 10) ?? null,
      })),
      timeline: application.events.map((event) => ({ type: event.type, from: event.fromStatus, to: event.toStatus, at: event.occurredAt.toISOString() })),
    };
    res.set('Cache-Control', 'no-store');
    if (access.kind === 'applicant') {
      res.json(applicantView);
      return;
    }
    await recordAccess(deps.db, access.staff, id, 'case_api');
    res.json({
      ...applicantView,
      assignee: application.assignee,
      submission: application.submission,
      screening: application.screenings[0] ? { results: application.screenings[0].results, missingItems: application.screenings[0].missingItems, checklist: application.screenings[0].checklist, registerLookup: application.screenings[0].registerLookup } : null,
      informationRequests: application.informationRequests,
      consultations: application.consultations,
      decisions: application.decisions.map((d) => ({ ...d, amountGranted: oreToKroner(d.amountGrantedOre), amountGrantedOre: undefined })),
      documents: application.documents,
      // The first payout, and every row since: a changed decision's top-up, or a negative amount claimed back.
      payout: application.payouts[0] ? payoutView(application.payouts[0]) : null,
      payouts: application.payouts.map(payoutView),
      reconsiderations: application.reconsiderations,
      reports: application.reports.map((r) => ({ ...r, repaymentOre: undefined, repayment: r.repaymentOre === null ? null : oreToKroner(r.repaymentOre) })),
      timeline: application.events.map((event) => ({ type: event.type, from: event.fromStatus, to: event.toStatus, actor: event.actor, at: event.occurredAt.toISOString(), details: event.details })),
    });
  });

  router.get('/applications/:id/application.pdf', async (req, res) => {
    const id = applicationIdOf(req);
    const access = await caseAccess(deps.db, req, res, id);
    const copy = await applicationCopy(deps.db, deps.config.MUNICIPALITY_NAME, id, deps.config.JURISDICTION);
    if (access.kind === 'staff') await recordAccess(deps.db, access.staff, id, 'document_download');
    sendDocument(res, copy);
  });

  return router;
}

/** A payout row: paid only once finance confirmed it (confirmedAt, paidOn); until then, to be paid on scheduledFor. */
function payoutView(payout: { id: string; amountOre: bigint; scheduledFor: Date; decisionSequence: number; confirmedAt: Date | null; paidOn: Date | null }) {
  return {
    lineId: payout.id,
    amount: oreToKroner(payout.amountOre),
    scheduledFor: payout.scheduledFor.toISOString().slice(0, 10),
    decisionSequence: payout.decisionSequence,
    confirmedAt: payout.confirmedAt?.toISOString() ?? null,
    paidOn: payout.paidOn?.toISOString().slice(0, 10) ?? null,
  };
}
