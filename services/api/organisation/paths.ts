// Where the organisation's pages live in the address bar.
export const ORGANISATION_PATH = '/forening';
export const SIGN_IN_PATH = '/forening/log-ind';
export const SIGN_IN_SENT_PATH = '/forening/log-ind/sendt';
export const SIGN_IN_LINK_PATH = '/forening/log-ind/link';
// Sign-in through the organisations' OpenID provider (MitID Erhverv), where one is configured.
export const PROVIDER_SIGN_IN_PATH = '/forening/log-ind/oidc';
export const PROVIDER_CALLBACK_PATH = '/forening/log-ind/oidc/retur';
export const SIGN_OUT_PATH = '/forening/log-ud';
export const MEMBERS_PATH = '/forening/medlemmer';
export const INVITE_PATH = '/forening/medlemmer/inviter';
export const REMOVE_PATH = '/forening/medlemmer/fjern';
export const HANDOVER_PATH = '/forening/medlemmer/administrator';
export const PROFILE_PATH = '/forening/profil';
export const PROFILE_REFRESH_PATH = '/forening/profil/hent-fra-registret';

/** An absolute address of ours, in the reader's language (Danish needs no ?lang). */
export function organisationUrl(publicBaseUrl: string, path: string, language: string, token?: string): string {
  const url = new URL(path, publicBaseUrl);
  if (token) url.searchParams.set('adgang', token);
  if (language !== 'da') url.searchParams.set('lang', language);
  return url.toString();
}
