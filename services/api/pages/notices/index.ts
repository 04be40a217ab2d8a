import { Router } from 'express';
import type { Config } from '../../../../lib/config';
import { sendPublicPage, type SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { accessibilityPage } from './accessibility';
import { ACCESSIBILITY_PATH, PRIVACY_PATH } from './paths';
import { privacyPage } from './privacy';

/** The privacy notice and the accessibility statement: public, the same for everyone, from the settings. */
export function noticePages(deps: { site: SiteSettings; config: Config }): Router {
  const router = Router();
  router.get(PRIVACY_PATH, (req, res) => {
    sendPublicPage(res, privacyPage(req, deps.site, deps.config, pageLanguage(req, res)));
  });
  router.get(ACCESSIBILITY_PATH, (req, res) => {
    sendPublicPage(res, accessibilityPage(req, deps.site, deps.config, pageLanguage(req, res)));
  });
  return router;
}
