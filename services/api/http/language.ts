import type { Request } from 'express';
import { pickLanguage, type Language } from '../../../lib/languages';

export function requestLanguage(req: Request): Language {
  return pickLanguage(req.query?.lang, req.get('accept-language'));
}
