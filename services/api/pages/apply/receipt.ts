import type { Request } from 'express';
import type { Language } from '../../../../lib/languages';
import type { FundingRound } from '../../../../prisma/generated/client';
import { html } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { factList } from './page-parts';
import { longDate } from './round-facts';
import { say } from './texts';

/** The DKFDS receipt: the reference, where the receipt email went, and the private case link. */
export function receiptPage(
  req: Request,
  site: SiteSettings,
  language: Language,
  state: { round: FundingRound; reference: string; contactEmail: string; caseUrl: string },
): string {
  return renderPage(req, site, {
    title: say('receiptTitle', language),
    language,
    main: html`<div class="alert alert-success" role="status">
        <div class="alert-body">
          <h1 class="alert-heading">${say('receiptTitle', language)}</h1>
          <p class="alert-text">${say('receiptEmail', language, { email: state.contactEmail })}</p>
        </div>
      </div>
      ${factList([{ label: say('reference', language), value: html`<strong class="gf-reference">${state.reference}</strong>` }])}
      <p>${say('receiptLinkIntro', language)}</p>
      <p><a class="gf-case-link" href="${state.caseUrl}">${say('followCase', language)}</a></p>
      <p class="gf-case-url"><code>${state.caseUrl}</code></p>
      <h2>${say('whatHappensNext', language)}</h2>
      <ol>
        <li>${say('nextScreening', language)}</li>
        <li>${state.round.mode === 'deadline' && state.round.closesAt
          ? say('nextDecisionDeadline', language, { date: longDate(state.round.closesAt, language) })
          : say('nextDecisionContinuous', language)}</li>
      </ol>`,
  });
}
