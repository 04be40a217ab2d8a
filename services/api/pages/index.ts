import type pg from 'pg';
import type { RateLimits } from '../http/rate-limits';
import { Router } from 'express';
import type { AppDependencies } from '../dependencies';
import type { WorkflowStarter } from '../applications/workflow-starter';
import { assetsRouter } from './assets';
import { signInPages } from './staff/sign-in';
import { oidcSignInPages } from './staff/oidc-sign-in';
import { createOidcClient } from '../../../lib/oidc-client';
import { oidcClientSettings } from '../../../lib/oidc-settings';
import { memberOidcClientSettings } from '../../../lib/member-oidc-settings';
import { caseworkPages } from './casework';
import { applyPages } from './apply';
import { casePages } from './case';
import { acceptancePages } from './acceptance';
import { sponsorshipPages } from './sponsorship';
import type { SigningProvider } from '../../../lib/signing/signing-provider';
import { adminPages } from './admin';
import { statsPages } from './stats';
import { tiesPages } from './staff/ties-page';
import { helperDraftsPages } from './staff/helper-drafts-page';
import { glossaryPages } from './glossary';
import { noticePages } from './notices';
import { roundPages } from './rounds';
import { organisationPages } from './organisation';
import { archivePages } from './organisation/archive';
import { secureCookies } from '../http/cookies';
import { sessionPolicyFrom } from '../../../lib/staff-auth';
import { frameRulesFrom } from '../admin/round-frame';
import type { SiteSettings } from './layout';

/** The app's dependencies and what createApp builds once from them: site details, workflow starter. */
export type PageDependencies = AppDependencies & { site: SiteSettings; workflows: WorkflowStarter; sql: pg.Pool; rateLimits: RateLimits; signing: SigningProvider };

/** The server-rendered pages (DKFDS, no JavaScript required) for associations, staff and politicians. */
export function pagesRouter(deps: PageDependencies): Router {
  const router = Router();
  router.use(assetsRouter());
  router.use(applyPages(deps));
  router.use(glossaryPages(deps));
  router.use(noticePages(deps));
  router.use(roundPages(deps));
  const memberOidcSettings = memberOidcClientSettings(deps.config);
  router.use(organisationPages({ ...deps, memberOidc: memberOidcSettings ? createOidcClient(memberOidcSettings) : undefined }));
  router.use(archivePages(deps));
  const oidcSettings = oidcClientSettings(deps.config);
  const oidc = oidcSettings ? createOidcClient(oidcSettings) : undefined;
  const sessionPolicy = sessionPolicyFrom(deps.config);
  router.use(
    signInPages({
      ...deps,
      cookieSecret: deps.config.COOKIE_SECRET,
      secureCookies: secureCookies(deps.config),
      sessionMaxAgeMs: sessionPolicy.absoluteTimeoutMs,
      oidc,
    }),
  );
  if (oidc) {
    router.use(oidcSignInPages({ ...deps, oidc, cookieSecret: deps.config.COOKIE_SECRET, secureCookies: secureCookies(deps.config), sessionPolicy }));
  }
  router.use(casePages(deps));
  router.use(acceptancePages(deps));
  router.use(sponsorshipPages(deps));
  router.use(caseworkPages({ ...deps, cookieSecret: deps.config.COOKIE_SECRET }));
  router.use(adminPages({ ...deps, cookieSecret: deps.config.COOKIE_SECRET, frame: frameRulesFrom(deps.config) }));
  router.use(tiesPages({ ...deps, cookieSecret: deps.config.COOKIE_SECRET }));
  router.use(helperDraftsPages({ ...deps, cookieSecret: deps.config.COOKIE_SECRET, secureCookies: secureCookies(deps.config) }));
  router.use(statsPages({ ...deps, cookieSecret: deps.config.COOKIE_SECRET }));
  return router;
}
