import type { Jurisdiction } from '../lib/jurisdiction';
import type { MessageKey } from './catalogue';

// Letters, emails and pages state the law of the municipality's country, in whatever language the
// reader reads: a Norwegian municipality's decision is an enkeltvedtak under the Norwegian
// forvaltningslov (klage, partsinnsyn, offentleglova, politiattest), a Danish one's rests on Danish
// law. Each text that names the law, the register's number, the payout account or the country's
// institutions has a Norwegian wording beside it, in every language: the staff pages, the council
// brief, the statistics and open data of a Norwegian municipality say "organisasjonsnummer" and
// "politiattest" where a Danish one says "CVR-nummer" and "børneattest".

const NORWEGIAN_WORDING = {
  'letter.label.orgNumber': 'letter.label.orgNumberNo',
  'letter.kicker': 'letter.kickerNo',
  'letter.subject': 'letter.subjectNo',
  'letter.legalBasis.body': 'letter.legalBasis.bodyNo',
  'letter.conditions.standard': 'letter.conditions.standardNo',
  'letter.access.body': 'letter.access.bodyNo',
  'letter.consultation.body': 'letter.consultation.bodyNo',
  'mail.decision.questions': 'mail.decision.questionsNo',
  'mail.consultation.intro': 'mail.consultation.introNo',
  'apply.precheck.qChildren': 'apply.precheck.qChildrenNo',
  'apply.precheck.qChildrenHint': 'apply.precheck.qChildrenHintNo',
  'apply.form.childrenUnder15': 'apply.form.childrenUnder15No',
  'apply.form.childrenUnder15Hint': 'apply.form.childrenUnder15HintNo',
  'apply.form.childCertificates': 'apply.form.childCertificatesNo',
  'errors.declaration.childCertificatesRequired': 'errors.declaration.childCertificatesRequiredNo',
  'errors.accessLog.searchTerm': 'errors.accessLog.searchTermNo',
  'eligibility.E10.noChildren': 'eligibility.E10No.noChildren',
  'eligibility.E10.declared': 'eligibility.E10No.declared',
  'eligibility.E10.declarationMissing': 'eligibility.E10No.declarationMissing',
  'eligibility.missing.childCertificateDeclaration': 'eligibility.missing.childCertificateDeclarationNo',
  'eligibility.rule.E1': 'eligibility.rule.E1No',
  'eligibility.explained.E1': 'eligibility.explained.E1No',
  'eligibility.rule.E2': 'eligibility.rule.E2No',
  'eligibility.checklist.E2': 'eligibility.checklist.E2No',
  'eligibility.rule.E10': 'eligibility.rule.E10No',
  'eligibility.explained.E10': 'eligibility.explained.E10No',
  'casework.cvr': 'casework.cvrNo',
  'casework.childrenUnder15': 'casework.childrenUnder15No',
  'casework.childCertificates': 'casework.childCertificatesNo',
  'admin.cvr': 'admin.cvrNo',
  'admin.organizationWithNumber': 'admin.organizationWithNumberNo',
  'admin.accessLogIntro': 'admin.accessLogIntroNo',
  'admin.auditLogIntro': 'admin.auditLogIntroNo',
  'admin.dateHint': 'admin.dateHintNo',
  'admin.schemesIntro': 'admin.schemesIntroNo',
  'admin.complaintHint': 'admin.complaintHintNo',
  'stats.title': 'stats.titleNo',
  'stats.brief': 'stats.briefNo',
  'stats.openData.cvr': 'stats.openData.cvrNo',
  'stats.analysis.intro': 'stats.analysis.introNo',
  'brief.title': 'brief.titleNo',
  'brief.documentTitle': 'brief.documentTitleNo',
  'brief.method.body': 'brief.method.bodyNo',
  'pages.privacy.legalBasisBody': 'pages.privacy.legalBasisBodyNo',
  'pages.privacy.categoriesBody': 'pages.privacy.categoriesBodyNo',
  'glossary.page.intro': 'glossary.page.introNo',
} as const satisfies Partial<Record<MessageKey, MessageKey>>;

export type LawWordedKey = keyof typeof NORWEGIAN_WORDING;

/** The key of a text that states the law, in the wording of the given country's law. */
export function lawWording(key: LawWordedKey, law: Jurisdiction | undefined): MessageKey {
  return law === 'NO' ? NORWEGIAN_WORDING[key] : key;
}

/**
 * Any text's key in the wording of the given country's law: its Norwegian wording where it has
 * one, else the key itself (for keys that come from data, such as a rule's message key).
 */
export function lawWordingOf(key: MessageKey, law: Jurisdiction | undefined): MessageKey {
  return law === 'NO' && Object.hasOwn(NORWEGIAN_WORDING, key) ? NORWEGIAN_WORDING[key as LawWordedKey] : key;
}
