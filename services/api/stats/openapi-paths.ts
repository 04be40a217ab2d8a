import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { describedQuery, errorResponse, fileResponse, jsonResponse, SECURITY } from '../http/openapi';
import { openDataQuerySchema } from '../routes/open-data';
import { statsQuerySchema } from './query';

// The statistics and open-data part of the OpenAPI document (assembled in services/api/openapi.ts).

const periodQuery = describedQuery(statsQuerySchema, {
  from: 'First day (Danish time); default: the first day of the month eleven months ago',
  to: 'Last day, inclusive; default: today. At most five years after from.',
  roundId: 'One funding round; all rounds when left out',
  scheme: 'The slug of one grant scheme: only its rounds are counted (400 naming `scheme` when there is no such scheme); all schemes when left out',
});

const count = z
  .union([z.int().min(0), z.literal('<5')])
  .meta({ id: 'StatsCount', description: 'A number of cases; groups of one to four are shown as "<5"' });
const figure = z.number().nullable().meta({ description: 'null when computed from fewer than five cases' });
const durationFields = { cases: count, medianDays: figure, p90Days: figure, meanDays: figure };
const durations = z.looseObject(durationFields);
const breakdown = z.array(z.looseObject({ code: z.string(), label: z.string(), count, share: figure }));
const kroner = z.int();
const groupFigures = z.array(
  z.looseObject({ code: z.string(), label: z.string(), submitted: count, decided: count, granted: count, approvalRate: figure, requestedKroner: figure, grantedKroner: figure }),
);
const keyFigures = z.looseObject({ submitted: count, decided: count, approvalRate: figure, medianTurnaroundDays: figure, requestedKroner: figure, grantedKroner: figure, firstTimeShare: figure });

const statsSummarySchema = z
  .looseObject({
    period: z.looseObject({ from: z.iso.date(), to: z.iso.date() }),
    roundId: z.string().nullable(),
    schemeId: z.string().nullable(),
    minimumGroupSize: z.literal(5),
    turnaround: z.looseObject({
      decided: count,
      targetDays: figure,
      withinTargetShare: figure,
      total: durations,
      municipality: durations,
      applicant: durations,
      applicantShareOfTime: figure,
    }),
    funnel: z
      .looseObject({
        form: z.looseObject({ started: count, submitted: count, stopped: count }),
        cases: z.looseObject({ received: count, decided: count, granted: count, rejected: count, lapsed: count, withdrawn: count, open: count }),
      })
      .meta({ description: 'The cases submitted in the period, each where it stands now (no step exceeds the one before); the form: drafts started in the period' }),
    stages: z.array(z.looseObject({ ...durationFields, stage: z.enum(['screening', 'queue', 'round_wait', 'review', 'approval', 'applicant']), label: z.string() })),
    completeness: z.looseObject({ decided: count, completeFirstShare: figure, requestsPerApplication: figure, missingItems: breakdown, otherMissingItems: count }),
    dropOff: z.looseObject({
      draftsStarted: count,
      draftsSubmitted: count,
      draftsStopped: count,
      stoppedAt: breakdown,
      medianFormMinutes: figure,
      formTimeByApplicant: z
        .array(z.looseObject({ group: z.enum(['first', 'returning']), label: z.string(), submitted: count, medianFormMinutes: figure }))
        .meta({
          description:
            'Form time (active seconds over the steps) of the drafts submitted in the period, for associations applying the first time and returning ones ' +
            '(the organisation number had a submitted application before the draft was started); a group under five drafts shows "<5" and no median',
        }),
      lapsed: count,
      withdrawn: count,
    }),
    outcomes: z.looseObject({ decided: count, approvalRate: figure, byOutcome: breakdown, reasons: breakdown, requestedKroner: figure, grantedKroner: figure, grantedShareOfRequested: figure }),
    budget: z.array(
      z.looseObject({
        roundId: z.string(),
        roundName: z.string(),
        budgetKroner: kroner,
        requestedKroner: kroner.meta({ description: 'Asked for in every application submitted to the round' }),
        grantedKroner: kroner.meta({ description: 'Granted by the decisions in force, since the round opened' }),
        grantedInPeriodKroner: kroner,
        demandShare: figure,
        usedShare: figure,
        requestedOverBudgetKroner: kroner,
        overBudgetKroner: kroner.meta({ description: 'Granted beyond the budget: continuous rounds and changed decisions are not stopped at the budget' }),
      }),
    ),
    analysis: z.looseObject({
      associations: groupFigures,
      activityTerms: groupFigures,
      targetGroups: groupFigures,
      trend: z.looseObject({ previousPeriod: z.looseObject({ from: z.iso.date(), to: z.iso.date() }), current: keyFigures, previous: keyFigures }),
    }),
    reach: z.looseObject({ submitted: count, firstTime: count, returning: count, firstTimeShare: figure, volunteers: breakdown, targetGroups: breakdown }),
    reporting: z.looseObject({
      due: count,
      onTime: count,
      late: count,
      notYetSubmitted: count,
      onTimeShare: figure,
      remindersPerReport: figure,
      medianDaysToSubmit: figure,
      sentBack: count,
      repayments: count,
      repaidKroner: figure,
    }),
    monthly: z.array(
      z.looseObject({ month: z.string().meta({ examples: ['2026-03'] }), submitted: count, decided: count, medianTurnaroundDays: figure, withinTargetShare: figure, approvalRate: figure }),
    ),
    stories: z
      .array(z.looseObject({ round: z.string(), activity: z.string(), month: z.string(), text: z.string() }))
      .meta({ description: 'Stories the associations consented to, in the wording a caseworker approved: anonymised, under the activity of their own case.' }),
  })
  .meta({
    id: 'StatsSummary',
    description:
      'Figures for a period, computed from the case events. Decision figures count cases whose first decision fell in the period, with the outcome and amount of the decision in force; ' +
      'the funnel, reach and analysis count cases submitted in the period, each where it stands now; ' +
      'drafts by the day they were started, reports by their due date. Durations in days (rounded down to 2 h / 12 h / 1 day / 1 week buckets). ' +
      'No personal data, and no association is named.',
  });

const openGrantSchema = z
  .looseObject({
    round: z.string(),
    association: z.string(),
    cvr: z.string(),
    activity: z.string(),
    targetGroup: z.string(),
    targetGroupLabel: z.string(),
    amountGranted: z.number().meta({ description: 'kroner' }),
    decisionDate: z.iso.date(),
  })
  .meta({ id: 'OpenGrant' });

export const paths: ZodOpenApiPathsObject = {
  '/stats/summary': {
    get: {
      summary: 'Turnaround, stage waits, completeness, drop-off, outcomes, budget, reach, reporting and a monthly series (politician, caseworker, approver, admin)',
      security: SECURITY.staff,
      requestParams: { query: periodQuery },
      responses: {
        200: jsonResponse('The figures', statsSummarySchema),
        400: errorResponse('A bad date or round ID, or the end before the start'),
        401: errorResponse('Not signed in'),
      },
    },
  },
  '/stats/council-brief.pdf': {
    get: {
      summary: 'The same figures as a Danish brief for a committee meeting (PDF, attachment)',
      security: SECURITY.staff,
      requestParams: { query: periodQuery },
      responses: { 200: fileResponse('The brief', 'application/pdf'), 400: errorResponse('A bad period'), 401: errorResponse('Not signed in') },
    },
  },
  '/open-data/grants.json': {
    get: {
      summary: 'Every grant made (open data, no sign-in): round, association and its organisation number (CVR, or organisasjonsnummer with JURISDICTION=NO; the field is cvr), activity, target group, amount, decision date, in the municipality\'s language (Danish or bokmål). Never a contact person.',
      requestParams: { query: openDataQuerySchema },
      responses: {
        200: jsonResponse('Newest decision first', z.object({ generatedAt: z.iso.datetime(), count: z.int(), grants: z.array(openGrantSchema) })),
        400: errorResponse('Not a round ID'),
      },
    },
  },
  '/open-data/grants.csv': {
    get: {
      summary: 'The same as CSV for Danish or Norwegian Excel (semicolons, decimal comma, UTF-8 with BOM), its column names in the municipality\'s language',
      requestParams: { query: openDataQuerySchema },
      responses: { 200: fileResponse('The grants', 'text/csv'), 400: errorResponse('Not a round ID') },
    },
  },
};
