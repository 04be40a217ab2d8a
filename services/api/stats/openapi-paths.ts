// The statistics and open-data part of the OpenAPI document (spread into services/api/openapi.ts).

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const periodParameters = [
  { name: 'from', in: 'query', required: false, schema: { type: 'string', format: 'date' }, description: 'First day (Danish time); default: the first day of the month eleven months ago' },
  { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date' }, description: 'Last day, inclusive; default: today. At most five years after from.' },
  { name: 'roundId', in: 'query', required: false, schema: { type: 'string', format: 'uuid' }, description: 'One funding round; all rounds when left out' },
  { $ref: '#/components/parameters/lang' },
];

const count = { $ref: '#/components/schemas/StatsCount' };
const figure = { type: ['number', 'null'], description: 'null when computed from fewer than five cases' };
const durations = {
  type: 'object',
  properties: { cases: count, medianDays: figure, p90Days: figure, meanDays: figure },
};
const breakdown = {
  type: 'array',
  items: { type: 'object', properties: { code: { type: 'string' }, label: { type: 'string' }, count, share: figure } },
};

export const STATS_SCHEMAS = {
  StatsCount: {
    oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', const: '<5' }],
    description: 'A number of cases; groups of one to four are shown as "<5"',
  },
  StatsSummary: {
    type: 'object',
    description:
      'Figures for a period, computed from the case events. Decision figures count cases decided in the period, submission figures cases submitted in it, ' +
      'drafts by the day they were started, reports by their due date. Durations in days (rounded down to 2 h / 12 h / 1 day / 1 week buckets). ' +
      'No personal data: only associations (legal entities) appear, in the stories they agreed to share.',
    properties: {
      period: { type: 'object', properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } } },
      roundId: { type: ['string', 'null'] },
      minimumGroupSize: { type: 'integer', const: 5 },
      turnaround: {
        type: 'object',
        properties: {
          decided: count,
          targetDays: figure,
          withinTargetShare: figure,
          total: durations,
          municipality: durations,
          applicant: durations,
          applicantShareOfTime: figure,
        },
      },
      stages: { type: 'array', items: { ...durations, properties: { ...durations.properties, stage: { type: 'string', enum: ['screening', 'queue', 'round_wait', 'review', 'approval', 'applicant'] }, label: { type: 'string' } } } },
      completeness: { type: 'object', properties: { decided: count, completeFirstShare: figure, requestsPerApplication: figure, missingItems: breakdown, otherMissingItems: count } },
      dropOff: {
        type: 'object',
        properties: { draftsStarted: count, draftsSubmitted: count, draftsStopped: count, stoppedAt: breakdown, medianFormMinutes: figure, lapsed: count, withdrawn: count },
      },
      outcomes: {
        type: 'object',
        properties: { decided: count, approvalRate: figure, byOutcome: breakdown, reasons: breakdown, requestedKroner: figure, grantedKroner: figure, grantedShareOfRequested: figure },
      },
      budget: {
        type: 'array',
        items: {
          type: 'object',
          properties: { roundId: { type: 'string' }, roundName: { type: 'string' }, budgetKroner: { type: 'integer' }, grantedKroner: { type: 'integer' }, grantedInPeriodKroner: { type: 'integer' }, usedShare: { type: 'number' } },
        },
      },
      reach: { type: 'object', properties: { submitted: count, firstTime: count, returning: count, firstTimeShare: figure, volunteers: breakdown, targetGroups: breakdown } },
      reporting: {
        type: 'object',
        properties: {
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
        },
      },
      monthly: {
        type: 'array',
        items: {
          type: 'object',
          properties: { month: { type: 'string', examples: ['2026-03'] }, submitted: count, decided: count, medianTurnaroundDays: figure, withinTargetShare: figure, approvalRate: figure },
        },
      },
      stories: {
        type: 'array',
        items: { type: 'object', properties: { association: { type: 'string' }, round: { type: 'string' }, activity: { type: 'string' }, month: { type: 'string' }, text: { type: 'string' } } },
      },
    },
  },
  OpenGrant: {
    type: 'object',
    properties: {
      round: { type: 'string' },
      association: { type: 'string' },
      cvr: { type: 'string' },
      activity: { type: 'string' },
      targetGroup: { type: 'string' },
      targetGroupLabel: { type: 'string' },
      amountGranted: { type: 'number', description: 'kroner' },
      decisionDate: { type: 'string', format: 'date' },
    },
  },
};

export const STATS_PATHS = {
  '/stats/summary': {
    get: {
      summary: 'Turnaround, stage waits, completeness, drop-off, outcomes, budget, reach, reporting and a monthly series (politician, caseworker, approver, admin)',
      security: [{ staffToken: [] }],
      parameters: periodParameters,
      responses: {
        200: { description: 'The figures', content: { 'application/json': { schema: { $ref: '#/components/schemas/StatsSummary' } } } },
        400: error('A bad date or round ID, or the end before the start'),
        401: error('Not signed in'),
      },
    },
  },
  '/stats/council-brief.pdf': {
    get: {
      summary: 'The same figures as a Danish brief for a committee meeting (PDF, attachment)',
      security: [{ staffToken: [] }],
      parameters: periodParameters,
      responses: { 200: { description: 'application/pdf' }, 400: error('A bad period'), 401: error('Not signed in') },
    },
  },
  '/open-data/grants.json': {
    get: {
      summary: 'Every grant made (open data, no sign-in): round, association and CVR, activity, target group, amount, decision date. Never a contact person.',
      parameters: [{ name: 'roundId', in: 'query', required: false, schema: { type: 'string', format: 'uuid' } }],
      responses: {
        200: {
          description: 'Newest decision first',
          content: { 'application/json': { schema: { type: 'object', properties: { generatedAt: { type: 'string' }, count: { type: 'integer' }, grants: { type: 'array', items: { $ref: '#/components/schemas/OpenGrant' } } } } } },
        },
      },
    },
  },
  '/open-data/grants.csv': {
    get: {
      summary: 'The same as CSV for Danish Excel (semicolons, decimal comma, UTF-8 with BOM)',
      parameters: [{ name: 'roundId', in: 'query', required: false, schema: { type: 'string', format: 'uuid' } }],
      responses: { 200: { description: 'text/csv' } },
    },
  },
};
