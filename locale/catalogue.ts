// Every text people read, per language and namespace: locale/catalogues/<language>/<namespace>.json.
// A key in code is "<namespace>.<key in the file>"; the Danish catalogue defines which keys exist.
import daErrors from './catalogues/da/errors.json';
import daCommon from './catalogues/da/common.json';
import daPages from './catalogues/da/pages.json';
import daApply from './catalogues/da/apply.json';
import daCase from './catalogues/da/case.json';
import daCasework from './catalogues/da/casework.json';
import daAdmin from './catalogues/da/admin.json';
import daStaff from './catalogues/da/staff.json';
import daStats from './catalogues/da/stats.json';
import daMail from './catalogues/da/mail.json';
import daLetter from './catalogues/da/letter.json';
import daBrief from './catalogues/da/brief.json';
import daEligibility from './catalogues/da/eligibility.json';
import daGlossary from './catalogues/da/glossary.json';
import daOrganisation from './catalogues/da/organisation.json';
import daArchive from './catalogues/da/archive.json';
import daProfile from './catalogues/da/profile.json';
import nbErrors from './catalogues/nb/errors.json';
import nbCommon from './catalogues/nb/common.json';
import nbPages from './catalogues/nb/pages.json';
import nbApply from './catalogues/nb/apply.json';
import nbCase from './catalogues/nb/case.json';
import nbCasework from './catalogues/nb/casework.json';
import nbAdmin from './catalogues/nb/admin.json';
import nbStaff from './catalogues/nb/staff.json';
import nbStats from './catalogues/nb/stats.json';
import nbMail from './catalogues/nb/mail.json';
import nbLetter from './catalogues/nb/letter.json';
import nbBrief from './catalogues/nb/brief.json';
import nbEligibility from './catalogues/nb/eligibility.json';
import nbGlossary from './catalogues/nb/glossary.json';
import nbOrganisation from './catalogues/nb/organisation.json';
import nbArchive from './catalogues/nb/archive.json';
import nbProfile from './catalogues/nb/profile.json';
import enErrors from './catalogues/en/errors.json';
import enCommon from './catalogues/en/common.json';
import enPages from './catalogues/en/pages.json';
import enApply from './catalogues/en/apply.json';
import enCase from './catalogues/en/case.json';
import enCasework from './catalogues/en/casework.json';
import enAdmin from './catalogues/en/admin.json';
import enStaff from './catalogues/en/staff.json';
import enStats from './catalogues/en/stats.json';
import enMail from './catalogues/en/mail.json';
import enLetter from './catalogues/en/letter.json';
import enBrief from './catalogues/en/brief.json';
import enEligibility from './catalogues/en/eligibility.json';
import enGlossary from './catalogues/en/glossary.json';
import enOrganisation from './catalogues/en/organisation.json';
import enArchive from './catalogues/en/archive.json';
import enProfile from './catalogues/en/profile.json';
import type { Language } from '../lib/languages';

const danish = {
  errors: daErrors,
  common: daCommon,
  pages: daPages,
  apply: daApply,
  case: daCase,
  casework: daCasework,
  admin: daAdmin,
  staff: daStaff,
  stats: daStats,
  mail: daMail,
  letter: daLetter,
  brief: daBrief,
  eligibility: daEligibility,
  glossary: daGlossary,
  organisation: daOrganisation,
  archive: daArchive,
  profile: daProfile,
};

type Namespaces = typeof danish;
type KeysOf<N extends keyof Namespaces> = `${N}.${Extract<keyof Namespaces[N], string>}`;
/** Every message key: the namespace (the file name) and the key inside the file. */
export type MessageKey = { [N in keyof Namespaces]: KeysOf<N> }[keyof Namespaces];

type NamespacedCatalogue = Record<keyof Namespaces, Record<string, string>>;

const byLanguage: Record<Language, NamespacedCatalogue> = {
  da: danish,
  nb: {
    errors: nbErrors,
    common: nbCommon,
    pages: nbPages,
    apply: nbApply,
    case: nbCase,
    casework: nbCasework,
    admin: nbAdmin,
    staff: nbStaff,
    stats: nbStats,
    mail: nbMail,
    letter: nbLetter,
    brief: nbBrief,
    eligibility: nbEligibility,
    glossary: nbGlossary,
    organisation: nbOrganisation,
    archive: nbArchive,
    profile: nbProfile,
  },
  en: {
    errors: enErrors,
    common: enCommon,
    pages: enPages,
    apply: enApply,
    case: enCase,
    casework: enCasework,
    admin: enAdmin,
    staff: enStaff,
    stats: enStats,
    mail: enMail,
    letter: enLetter,
    brief: enBrief,
    eligibility: enEligibility,
    glossary: enGlossary,
    organisation: enOrganisation,
    archive: enArchive,
    profile: enProfile,
  },
};

export const NAMESPACES = Object.keys(danish) as (keyof Namespaces)[];

/** One language's messages as a flat map from full key to ICU message. */
export function flatCatalogue(language: Language): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const namespace of NAMESPACES) {
    for (const [key, message] of Object.entries(byLanguage[language][namespace])) flat[`${namespace}.${key}`] = message;
  }
  return flat;
}
