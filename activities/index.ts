import type pg from 'pg';
import type { Database } from '../lib/db';
import { configureLocale } from '../locale';
import { createAllocationActivities } from './allocation';
import { createArrivalActivities } from './arrival';
import { createAcceptanceActivities } from './acceptance-records';
import { createAcceptanceLetterActivities } from './letters/store-acceptance-letter';
import { createCaseEventActivities } from './case-events';
import { createCaseRecordActivities } from './case-records';
import { createConsultationActivities } from './consultations';
import { createGrantChangeActivities } from './grant-change-records';
import { createGrantChangeLetterActivities } from './letters/store-grant-change-letter';
import { createDecisionLetterActivities, type MunicipalitySettings } from './letters/store-decision-letter';
import { createReconsiderationLetterActivities } from './letters/store-reconsideration-letter';
import { createReconsiderationActivities } from './reconsideration-records';
import { createRepaymentActivities } from './repayment-records';
import { createRepaymentLetterActivities } from './letters/store-repayment-letter';
import { createCaseEmailActivities, type CaseEmailSettings } from './mail/case-emails';
import type { BusinessRegister } from '../lib/register';
import { createScreeningActivities } from './screening';
import { createStaffRecordActivities } from './staff-records';
import { createRetentionActivities, type RetentionActivitySettings } from './retention';
import { createRoundAlertActivities } from './round-alerts';
import { parseDuration } from '../lib/durations';
import type { RetentionSettings } from '../domain/retention';
import { jurisdictionRules, type Jurisdiction } from '../domain/jurisdiction';

export interface ActivityDependencies {
  db: Database;
  /** Plain connections for the statements every case runs (see createArrivalActivities). */
  sql: pg.Pool;
  register: BusinessRegister;
  /** Whose organisation numbers screening checks (DK: CVR, NO: organisasjonsnummer). */
  jurisdiction: Jurisdiction;
  municipality: MunicipalitySettings;
  email: CaseEmailSettings;
  /** The account repayments are paid to ("reg.nr. kontonr."). */
  repaymentAccount: string;
  /** The retention periods and what the retention run needs beside them. */
  retention: RetentionActivitySettings;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDependencies) {
  configureLocale({ timeZone: deps.municipality.MUNICIPALITY_TIME_ZONE, currency: jurisdictionRules(deps.jurisdiction).currency });
  return {
    ...createCaseEventActivities(deps),
    ...createAllocationActivities(deps),
    ...createCaseRecordActivities(deps),
    ...createConsultationActivities(deps),
    ...createScreeningActivities(deps),
    ...createArrivalActivities({ ...deps, settings: deps.email }),
    ...createStaffRecordActivities(deps),
    ...createDecisionLetterActivities(deps),
    ...createReconsiderationActivities(deps),
    ...createGrantChangeActivities(deps),
    ...createGrantChangeLetterActivities(deps),
    ...createAcceptanceActivities(deps),
    ...createAcceptanceLetterActivities(deps),
    ...createReconsiderationLetterActivities(deps),
    ...createRepaymentActivities(deps),
    ...createRepaymentLetterActivities({ db: deps.db, municipality: deps.municipality, account: deps.repaymentAccount }),
    ...createCaseEmailActivities({ db: deps.db, settings: deps.email }),
    ...createRetentionActivities({ db: deps.db, retention: deps.retention }),
    ...createRoundAlertActivities({ db: deps.db, settings: deps.email }),
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;

/** The dependencies as the worker process builds them from its configuration. */
export function activitySettingsFromConfig(
  config: MunicipalitySettings & RetentionSettings & { JURISDICTION: Jurisdiction; PUBLIC_BASE_URL: string; MUNICIPALITY_ACCOUNT: string; PRIVATE_LINK_TTL: string; STAFF_SESSION_IDLE_TIMEOUT: string },
): Pick<ActivityDependencies, 'jurisdiction' | 'municipality' | 'email' | 'repaymentAccount' | 'retention'> {
  return {
    jurisdiction: config.JURISDICTION,
    municipality: config,
    retention: {
      periods: config,
      privateLinkTtlMs: parseDuration(config.PRIVATE_LINK_TTL),
      sessionIdleMs: parseDuration(config.STAFF_SESSION_IDLE_TIMEOUT),
      timeZone: config.MUNICIPALITY_TIME_ZONE,
    },
    repaymentAccount: config.MUNICIPALITY_ACCOUNT,
    email: { publicBaseUrl: config.PUBLIC_BASE_URL, municipalityName: config.MUNICIPALITY_NAME, municipalityDepartment: config.MUNICIPALITY_DEPARTMENT, municipalityEmail: config.MUNICIPALITY_EMAIL, municipalityPhone: config.MUNICIPALITY_PHONE, municipalityAccount: config.MUNICIPALITY_ACCOUNT, jurisdiction: config.JURISDICTION },
  };
}
