import type { Request } from 'express';
import type { Database } from '../../../../lib/db';
import type { Language } from '../../../../lib/languages';
import { TARGET_GROUPS, type TargetGroup } from '../../../../domain/categories';
import type { FundingRound } from '../../../../prisma/generated/client';
import { html, type SafeHtml } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { factList } from './page-parts';
import { categoryLabel, formTimeEstimate, kronerOfOre, longDate, tierRows } from './round-facts';
import { say, TARGET_GROUP_LABELS } from './texts';

export function openRounds(db: Database) {
  const now = new Date();
  return db.fundingRound.findMany({
    where: { opensAt: { lte: now }, OR: [{ closesAt: null }, { closesAt: { gt: now } }] },
    orderBy: [{ closesAt: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
  });
}

function targetGroupNames(round: FundingRound, language: Language): string {
  const known = round.targetGroups.filter((group): group is TargetGroup => (TARGET_GROUPS as readonly string[]).includes(group));
  return known.map((group) => TARGET_GROUP_LABELS[group][language]).join(', ');
}

/** Everything about a round an association needs before deciding to apply: limits, paperwork, time. */
export function roundFacts(round: FundingRound, language: Language, estimate: string, headingLevel: 2 | 3 = 2): SafeHtml {
  const id = `round-${round.slug}`;
  const targets = targetGroupNames(round, language);
  const tiers = tierRows(round, language);
  const heading = headingLevel === 2 ? html`<h2 id="${id}">${round.name}</h2>` : html`<h3 id="${id}">${round.name}</h3>`;
  const sub = (text: string) => (headingLevel === 2 ? html`<h3>${text}</h3>` : html`<h4>${text}</h4>`);
  return html`<section class="gf-round" aria-labelledby="${id}">
    ${heading}
    ${round.description ? html`<p>${round.description}</p>` : ''}
    ${factList([
      { label: say('deadline', language), value: round.closesAt ? longDate(round.closesAt, language, true) : say('continuous', language) },
      { label: say('budget', language), value: kronerOfOre(round.budgetOre, language) },
      { label: say('maximum', language), value: kronerOfOre(round.maxAmountOre, language) },
      ...(targets ? [{ label: say('targetGroups', language), value: targets }] : []),
      { label: say('whoCanApply', language), value: say('whoCanApplyText', language) },
      ...(round.excludedCostCategories.length
        ? [{ label: say('excludedCosts', language), value: round.excludedCostCategories.map((c) => categoryLabel(c, language).toLowerCase()).join(', ') }]
        : []),
    ])}
    ${sub(say('documentsByAmount', language))}
    <table class="table gf-tiers">
      <thead><tr><th scope="col">${say('amountColumn', language)}</th><th scope="col">${say('documentsColumn', language)}</th><th scope="col">${say('reportColumn', language)}</th></tr></thead>
      <tbody>
        ${tiers.map((row) => html`<tr><th scope="row">${row.range}</th><td>${row.documents.length ? row.documents.join(', ') : say('noDocuments', language)}</td><td>${row.report}</td></tr>`)}
      </tbody>
    </table>
    ${sub(say('timeHeading', language))}
    <p>${estimate}</p>
  </section>`;
}

export async function landingPage(req: Request, db: Database, site: SiteSettings, language: Language): Promise<string> {
  const [rounds, estimate] = await Promise.all([openRounds(db), formTimeEstimate(db, language)]);
  return renderPage(req, site, {
    title: say('landingTitle', language),
    language,
    main: html`<h1>${say('landingTitle', language)}</h1>
      <p class="font-lead">${say('landingIntro', language)}</p>
      ${rounds.length === 0 ? html`<p>${say('noOpenRounds', language)}</p>` : ''}
      ${rounds.map(
        (round) => html`${roundFacts(round, language, estimate)}
          <p><a class="button button-primary" href="/ansoeg/${round.slug}">${say('startApplication', language)}<span class="sr-only">: ${round.name}</span></a></p>`,
      )}`,
  });
}
