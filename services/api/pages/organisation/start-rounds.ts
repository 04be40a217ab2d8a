import { formatDeadline, t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';

/**
 * The open rounds on the organisation's overview, each with its own start: the round's usual
 * pre-check, after which a signed-in member's draft begins filled in from the profile.
 */
export function startRoundsSection(language: Language, rounds: { slug: string; name: string; closesAt: Date | null }[]): SafeHtml {
  return html`<h2 class="h3">${t(language, 'profile.rounds.heading')}</h2>
    ${rounds.length
      ? html`<p>${t(language, 'profile.rounds.intro')}</p>
        <ul class="nobullet-list">${rounds.map(
          (round) => html`<li class="mb-4"><a href="/ansoeg/${round.slug}">${t(language, 'profile.rounds.start')}<span class="sr-only">:</span> ${round.name}</a>${round.closesAt ? html`<br><span class="gf-muted">${t(language, 'apply.landing.deadline')}: ${formatDeadline(language, round.closesAt, 'long')}</span>` : ''}</li>`,
        )}</ul>`
      : html`<p>${t(language, 'profile.rounds.none')}</p>`}`;
}
