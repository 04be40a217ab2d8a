import type { Request } from 'express';
import { jurisdictionRules } from '../../../../domain/jurisdiction';
import type { Database } from '../../../../lib/db';
import { formatDeadline, formatMoney, t, type Language } from '../../../../locale';
import { TARGET_GROUPS, type TargetGroup } from '../../../../domain/categories';
import type { FundingRound } from '../../../../prisma/generated/client';
import { html, type SafeHtml } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { factList, roundContact, roundContactValue } from './page-parts';
import { categoryLabel, formTimeEstimate, tierRows } from './round-facts';
import { offeredRoundsWhere } from '../../drafts/rounds';
import { schemeText } from '../../../../domain/scheme-texts';
import { ROUNDS_PATH } from '../../../../lib/round-links';

export function openRounds(db: Database) {
  const now = new Date();
  return db.fundingRound.findMany({
    where: offeredRoundsWhere(now),
    include: { scheme: true },
    orderBy: [{ closesAt: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
  });
}

type OpenRound = Awaited<ReturnType<typeof openRounds>>[number];

/** The open rounds under their schemes, the schemes in the order they were created. */
function bySchemes(rounds: OpenRound[]): { scheme: OpenRound['scheme']; rounds: OpenRound[] }[] {
  const groups = new Map<string, { scheme: OpenRound['scheme']; rounds: OpenRound[] }>();
  for (const round of rounds) {
    const group = groups.get(round.schemeId) ?? { scheme: round.scheme, rounds: [] };
    group.rounds.push(round);
    groups.set(round.schemeId, group);
  }
  return [...groups.values()].sort((a, b) => a.scheme.createdAt.getTime() - b.scheme.createdAt.getTime());
}

function targetGroupNames(round: FundingRound, language: Language): string {
  const known = round.targetGroups.filter((group): group is TargetGroup => (TARGET_GROUPS as readonly string[]).includes(group));
  return known.map((group) => t(language, `common.targetGroup.${group}`)).join(', ');
}

/** Everything about a round an association needs before deciding to apply: limits, paperwork, time. */
export function roundFacts(round: FundingRound, site: SiteSettings, language: Language, estimate: string, headingLevel: 2 | 3 = 2): SafeHtml {
  const id = `round-${round.slug}`;
  const targets = targetGroupNames(round, language);
  const tiers = tierRows(round, language);
  const heading = headingLevel === 2 ? html`<h2 id="${id}">${round.name}</h2>` : html`<h3 id="${id}">${round.name}</h3>`;
  const sub = (text: string) => (headingLevel === 2 ? html`<h3>${text}</h3>` : html`<h4>${text}</h4>`);
  return html`<section class="gf-round" aria-labelledby="${id}">
    ${heading}
    ${round.description ? html`<p>${round.description}</p>` : ''}
    ${factList([
      { label: t(language, 'apply.landing.deadline'), value: round.closesAt ? formatDeadline(language, round.closesAt, 'long') : t(language, 'apply.landing.continuous') },
      { label: t(language, 'apply.landing.budget'), value: formatMoney(language, round.budgetOre) },
      { label: t(language, 'apply.landing.maximum'), value: formatMoney(language, round.maxAmountOre) },
      ...(targets ? [{ label: t(language, 'apply.landing.targetGroups'), value: targets }] : []),
      { label: t(language, 'apply.landing.whoCanApply'), value: t(language, jurisdictionRules(site.jurisdiction).texts.whoCanApply) },
      ...(round.excludedCostCategories.length
        ? [{ label: t(language, 'apply.landing.excludedCosts'), value: round.excludedCostCategories.map((c) => categoryLabel(c, language).toLowerCase()).join(', ') }]
        : []),
      { label: t(language, 'apply.landing.contact'), value: roundContactValue(roundContact(round, site), language) },
    ])}
    ${sub(t(language, 'apply.landing.documentsByAmount'))}
    <table class="table gf-tiers">
      <thead><tr><th scope="col">${t(language, 'apply.landing.amountColumn')}</th><th scope="col">${t(language, 'apply.landing.documentsColumn')}</th><th scope="col">${t(language, 'apply.landing.reportColumn')}</th></tr></thead>
      <tbody>
        ${tiers.map((row) => html`<tr><th scope="row">${row.range}</th><td>${row.documents.length ? row.documents.join(', ') : t(language, 'apply.landing.noDocuments')}</td><td>${row.report}</td></tr>`)}
      </tbody>
    </table>
    ${sub(t(language, 'apply.landing.timeHeading'))}
    <p>${estimate}</p>
  </section>`;
}

export async function landingPage(req: Request, db: Database, site: SiteSettings, language: Language): Promise<string> {
  const [rounds, estimate] = await Promise.all([openRounds(db), formTimeEstimate(db, language)]);
  return renderPage(req, site, {
    title: t(language, 'apply.landing.title'),
    description: t(language, 'pages.landing.description', { municipality: site.municipalityName }),
    language,
    main: html`<h1>${t(language, 'apply.landing.title')}</h1>
      <p class="font-lead">${t(language, 'apply.landing.intro')}</p>
      <p><a href="${ROUNDS_PATH}">${t(language, 'pages.rounds.landingLink')}</a></p>
      ${rounds.length === 0 ? html`<p>${t(language, 'apply.landing.noOpenRounds')}</p>` : ''}
      ${bySchemes(rounds).map(
        (group) => html`<section class="gf-scheme" aria-labelledby="scheme-${group.scheme.slug}">
          <h2 id="scheme-${group.scheme.slug}">${schemeText(group.scheme.name, language)}</h2>
          <p>${schemeText(group.scheme.description, language)}</p>
          ${group.rounds.map(
            (round) => html`${roundFacts(round, site, language, estimate, 3)}
              <p><a class="button button-primary" href="/ansoeg/${round.slug}">${t(language, 'apply.landing.startApplication')}<span class="sr-only">: ${round.name}</span></a></p>`,
          )}
        </section>`,
      )}`,
  });
}
