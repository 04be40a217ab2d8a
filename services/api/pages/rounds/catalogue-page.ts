import type { Request } from 'express';
import { formatDate, formatDeadline, formatMoney, t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { ROUNDS_FEED_PATH, SUBSCRIBE_PATH, roundApplyPath, roundCalendarPath } from '../../../../lib/round-links';
import { schemeText } from '../../../../domain/scheme-texts';
import { CSRF_FIELD } from '../../http/csrf';
import { choiceGroup, hiddenField, textField, type FieldErrors } from '../forms';
import type { SiteSettings } from '../layout';
import { renderPageWithErrors } from '../page-with-errors';
import type { CatalogueRound, SchemeRounds } from '../../round-catalogue/catalogue';

/** What the subscription form shows: what was typed, and what was wrong with it. */
export interface SubscriptionForm {
  email: string;
  allSchemes: boolean;
  schemes: string[];
  errors: FieldErrors;
  csrf: string;
}

/** A link that names its round for screen reader users, who hear links out of context. */
function roundLink(href: string, label: string, round: CatalogueRound, extra: Record<string, string> = {}): SafeHtml {
  const attrs = Object.entries(extra).map(([name, value]) => html` ${name}="${value}"`);
  return html`<a href="${href}"${attrs}>${label}<span class="sr-only">: ${round.name}</span></a>`;
}

function roundEntry(round: CatalogueRound, phase: 'open' | 'upcoming' | 'closed', language: Language): SafeHtml {
  const id = `puljer-${round.slug}`;
  const deadline = round.closesAt ? formatDeadline(language, round.closesAt, 'long') : undefined;
  const facts: { label: string; value: string }[] = [];
  if (phase === 'upcoming') facts.push({ label: t(language, 'pages.rounds.opens'), value: formatDate(language, round.opensAt, 'long') });
  if (phase === 'closed') facts.push({ label: t(language, 'pages.rounds.closed'), value: deadline ?? '' });
  else facts.push({ label: t(language, 'pages.rounds.deadline'), value: deadline ?? t(language, 'pages.rounds.continuous') });
  facts.push({ label: t(language, 'pages.rounds.maximum'), value: formatMoney(language, round.maxAmountOre) });
  const calendarLink = phase !== 'closed' && (round.closesAt || phase === 'upcoming');
  return html`<li class="gf-catalogue-round">
    <h4 id="${id}">${round.name}</h4>
    ${round.description ? html`<p>${round.description}</p>` : ''}
    <dl class="gf-summary-list">
      ${facts.map((fact) => html`<dt>${fact.label}</dt><dd>${fact.value}</dd>`)}
    </dl>
    ${phase === 'open' || calendarLink
      ? html`<p class="gf-catalogue-actions">
          ${phase === 'open' ? html`<a class="button button-primary" href="${roundApplyPath(round.slug)}">${t(language, 'pages.rounds.apply')}<span class="sr-only">: ${round.name}</span></a>` : ''}
          ${calendarLink
            ? roundLink(`${roundCalendarPath(round.slug)}${language === 'da' ? '' : `?lang=${language}`}`, round.closesAt ? t(language, 'pages.rounds.addDeadline') : t(language, 'pages.rounds.addOpening'), round, { type: 'text/calendar', download: `${round.slug}.ics` })
            : ''}
        </p>`
      : ''}
  </li>`;
}

function phaseList(heading: string, rounds: CatalogueRound[], phase: 'open' | 'upcoming' | 'closed', language: Language): SafeHtml {
  if (!rounds.length) return html``;
  return html`<h3>${heading}</h3>
    <ul class="nobullet-list gf-catalogue-list">${rounds.map((round) => roundEntry(round, phase, language))}</ul>`;
}

function schemeSection(group: SchemeRounds, language: Language): SafeHtml {
  const id = `ordning-${group.scheme.slug}`;
  const none = !group.open.length && !group.upcoming.length && !group.closed.length;
  return html`<section class="gf-scheme" aria-labelledby="${id}">
    <h2 id="${id}">${schemeText(group.scheme.name, language)}</h2>
    <p>${schemeText(group.scheme.description, language)}</p>
    ${none ? html`<p>${t(language, 'pages.rounds.noRounds')}</p>` : ''}
    ${phaseList(t(language, 'pages.rounds.openHeading'), group.open, 'open', language)}
    ${phaseList(t(language, 'pages.rounds.upcomingHeading'), group.upcoming, 'upcoming', language)}
    ${phaseList(t(language, 'pages.rounds.closedHeading'), group.closed, 'closed', language)}
  </section>`;
}

function subscriptionForm(groups: SchemeRounds[], form: SubscriptionForm, language: Language): SafeHtml {
  return html`<section class="gf-subscribe" aria-labelledby="abonnement">
    <h2 id="abonnement">${t(language, 'pages.rounds.subscribeHeading')}</h2>
    <p>${t(language, 'pages.rounds.subscribeIntro')}</p>
    <form method="post" action="${SUBSCRIBE_PATH}" novalidate>
      ${hiddenField(CSRF_FIELD, form.csrf)}
      ${textField({ name: 'email', label: t(language, 'pages.rounds.email'), hint: t(language, 'pages.rounds.emailHint'), language, type: 'email', autocomplete: 'email', value: form.email, error: form.errors.email, width: 'l', maxLength: 254 })}
      ${choiceGroup({
        name: 'omfang',
        label: t(language, 'pages.rounds.which'),
        language,
        value: form.allSchemes ? 'alle' : 'valgte',
        options: [
          { value: 'alle', label: t(language, 'pages.rounds.whichAll') },
          { value: 'valgte', label: t(language, 'pages.rounds.whichChosen') },
        ],
      })}
      ${choiceGroup({
        name: 'ordning',
        label: t(language, 'pages.rounds.schemes'),
        hint: t(language, 'pages.rounds.schemesHint'),
        language,
        multiple: true,
        optional: true,
        value: form.schemes,
        error: form.errors.ordning,
        options: groups.map((group) => ({ value: group.scheme.slug, label: schemeText(group.scheme.name, language) })),
      })}
      <button type="submit" class="button button-primary">${t(language, 'pages.rounds.subscribe')}</button>
    </form>
  </section>`;
}

/** The public catalogue: every scheme with its rounds, the calendar feed, and the alert subscription. */
export function cataloguePage(req: Request, site: SiteSettings, language: Language, groups: SchemeRounds[], form: SubscriptionForm): string {
  const title = t(language, 'pages.rounds.title');
  const feedHref = `${ROUNDS_FEED_PATH}${language === 'da' ? '' : `?lang=${language}`}`;
  return renderPageWithErrors(req, site, {
    title,
    description: t(language, 'pages.rounds.description', { municipality: site.municipalityName }),
    language,
    errors: form.errors,
    main: html`<h1>${title}</h1>
      <p class="font-lead">${t(language, 'pages.rounds.intro')}</p>
      <p><a href="${feedHref}" type="text/calendar">${t(language, 'pages.rounds.feed')}</a><br>
        <span class="form-hint">${t(language, 'pages.rounds.feedHint')}</span></p>
      <p><a href="#abonnement">${t(language, 'pages.rounds.subscribeJump')}</a></p>
      ${groups.map((group) => schemeSection(group, language))}
      ${subscriptionForm(groups, form, language)}`,
  });
}
