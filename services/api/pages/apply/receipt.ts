import type { Request } from 'express';
import { formatDeadline, t, type Language } from '../../../../locale';
import type { FundingRound } from '../../../../prisma/generated/client';
import { html } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { factList, roundContact, roundContactValue } from './page-parts';

/** The DKFDS receipt: the reference, where the receipt email went, and the private case link. */
export function receiptPage(
  req: Request,
  site: SiteSettings,
  language: Language,
  state: { round: FundingRound; reference: string; contactEmail: string; caseUrl: string },
): string {
  return renderPage(req, site, {
    title: t(language, 'apply.receipt.title'),
    language,
    main: html`<div class="alert alert-success" role="status">
        <div class="alert-body">
          <h1 class="alert-heading">${t(language, 'apply.receipt.title')}</h1>
          <p class="alert-text">${t(language, 'apply.receipt.email', { email: state.contactEmail })}</p>
        </div>
      </div>
      ${factList([{ label: t(language, 'apply.receipt.reference'), value: html`<strong class="gf-reference">${state.reference}</strong>` }])}
      <p>${t(language, 'apply.receipt.linkIntro')}</p>
      <p><a class="gf-case-link" href="${state.caseUrl}">${t(language, 'apply.receipt.followCase')}</a></p>
      <p class="gf-case-url"><code>${state.caseUrl}</code></p>
      <h2>${t(language, 'apply.receipt.whatHappensNext')}</h2>
      <ol>
        <li>${t(language, 'apply.receipt.nextScreening')}</li>
        <li>${state.round.mode === 'deadline' && state.round.closesAt
          ? t(language, 'apply.receipt.nextDecisionDeadline', { date: formatDeadline(language, state.round.closesAt) })
          : t(language, 'apply.receipt.nextDecisionContinuous')}</li>
      </ol>
      <h2>${t(language, 'apply.receipt.questions')}</h2>
      <p>${t(language, 'apply.receipt.contactIntro')} ${roundContactValue(roundContact(state.round, site), language)}</p>`,
  });
}
