import { t, type Language } from '../../../../locale';
import { MEMBERS_PATH, ORGANISATION_PATH, PROFILE_PATH } from '../../organisation/paths';
import { ARCHIVE_PATH } from '../../organisation/archive-paths';

export type MemberArea = 'overview' | 'members' | 'profile' | 'documents';

/** The navigation of every page of a signed-in member. */
export function memberNavigation(language: Language, current: MemberArea) {
  return [
    { href: ORGANISATION_PATH, label: t(language, 'organisation.nav.overview'), current: current === 'overview' },
    { href: MEMBERS_PATH, label: t(language, 'organisation.nav.members'), current: current === 'members' },
    { href: PROFILE_PATH, label: t(language, 'profile.nav'), current: current === 'profile' },
    { href: ARCHIVE_PATH, label: t(language, 'archive.nav.documents'), current: current === 'documents' },
  ];
}
