import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './project-root';
import { DEFAULT_BUSINESS_REGISTER_FILE } from './register-settings';
import { DEFAULT_JURISDICTION, JURISDICTIONS, type Jurisdiction } from './jurisdiction';

/** The JURISDICTION setting, keyed by its name so the project's config schema can take it over. */
export const jurisdictionSettingsSchema = z.object({
  JURISDICTION: z.enum(JURISDICTIONS, { error: 'must be DK (Denmark) or NO (Norway)' }).default(DEFAULT_JURISDICTION),
});

/**
 * The demo municipality's sender details and time zone, where the settings are not given: the
 * Danish ones are the schema's own defaults; a Norwegian deployment gets a Norwegian example.
 */
export const DEMO_MUNICIPALITY: Record<Jurisdiction, Partial<Record<'MUNICIPALITY_NAME' | 'MUNICIPALITY_DEPARTMENT' | 'MUNICIPALITY_ADDRESS' | 'MUNICIPALITY_EMAIL' | 'MUNICIPALITY_TIME_ZONE', string>>> = {
  DK: {},
  NO: {
    MUNICIPALITY_NAME: 'Eksempel kommune',
    MUNICIPALITY_DEPARTMENT: 'Helse og omsorg, Frivillighet',
    MUNICIPALITY_ADDRESS: 'Rådhusplassen 1, 9994 Eksempelby',
    MUNICIPALITY_EMAIL: 'frivillighet@eksempel.no',
    MUNICIPALITY_TIME_ZONE: 'Europe/Oslo',
  },
};

/** The fictional organisations the local register reads when BUSINESS_REGISTER_FILE is not set. */
export const DEFAULT_REGISTER_FILES: Record<Jurisdiction, string> = {
  DK: DEFAULT_BUSINESS_REGISTER_FILE,
  NO: path.join(PROJECT_ROOT, 'infra', 'register', 'organisasjoner.json'),
};
