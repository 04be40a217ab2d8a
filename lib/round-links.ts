// The public addresses of the round catalogue and its subscriptions, for the pages that serve them
// and the emails that link to them. A link that carries a token has it as ?adgang=, so the stored
// copy of a sent email loses it (lib/outbox.ts) as a private link's does.

export const ROUNDS_PATH = '/puljer';
export const ROUNDS_FEED_PATH = '/puljer.ics';
export const SUBSCRIBE_PATH = '/puljer/abonnement';
export const SUBSCRIPTION_SENT_PATH = '/puljer/abonnement/sendt';
export const CONFIRM_PATH = '/puljer/abonnement/bekraeft';
export const UNSUBSCRIBE_PATH = '/puljer/afmeld';

/** A single round's calendar file: its deadline (or, for a round with none, its opening). */
export function roundCalendarPath(slug: string): string {
  return `${ROUNDS_PATH}/${slug}.ics`;
}

export function roundApplyPath(slug: string): string {
  return `/ansoeg/${slug}`;
}

/** A link with a token; the page it opens speaks the email's language (Danish needs no ?lang=). */
function withToken(publicBaseUrl: string, path: string, token: string, language: string): string {
  const url = new URL(path, publicBaseUrl);
  url.searchParams.set('adgang', token);
  if (language !== 'da') url.searchParams.set('lang', language);
  return url.toString();
}

export function confirmSubscriptionUrl(publicBaseUrl: string, token: string, language: string): string {
  return withToken(publicBaseUrl, CONFIRM_PATH, token, language);
}

export function unsubscribeUrl(publicBaseUrl: string, token: string, language: string): string {
  return withToken(publicBaseUrl, UNSUBSCRIBE_PATH, token, language);
}
