import type { Request } from 'express';
import { pickLanguage, type Language } from '../../../lib/languages';
import { DEFAULT_JURISDICTION, isJurisdiction, jurisdictionRules, type Jurisdiction } from '../../../domain/jurisdiction';

/** The app setting (app.set) holding the deployment's JURISDICTION. */
export const JURISDICTION_SETTING = 'grantflow jurisdiction';

/** The deployment's jurisdiction, as createApp set it (DK for an app built without one). */
export function requestJurisdiction(req: Request): Jurisdiction {
  const setting: unknown = req.app?.get(JURISDICTION_SETTING);
  return isJurisdiction(setting) ? setting : DEFAULT_JURISDICTION;
}

/** `?lang=`, then Accept-Language, then the jurisdiction's language (Danish, or bokmål in Norway). */
export function requestLanguage(req: Request): Language {
  return pickLanguage(req.query?.lang, req.get('accept-language'), jurisdictionRules(requestJurisdiction(req)).defaultLanguage);
}
