import type { Request } from 'express';
import { pickLanguage, type Language } from '../../../lib/i18n';

export function requestLanguage(req: Request): Language {
  return pickLanguage(req.query?.lang, req.get('accept-language'));
}
