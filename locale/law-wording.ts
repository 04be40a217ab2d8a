import type { Jurisdiction } from '../lib/jurisdiction';
import type { MessageKey } from './catalogue';

// Letters and emails state the law of the municipality's country, in whatever language the
// association reads: a Norwegian municipality's decision is an enkeltvedtak under the Norwegian
// forvaltningslov (klage, partsinnsyn, offentleglova, politiattest), a Danish one's rests on Danish
// law. Each text that names the law (or the register's number) has a Norwegian wording beside it,
// in every language.

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
} as const satisfies Partial<Record<MessageKey, MessageKey>>;

export type LawWordedKey = keyof typeof NORWEGIAN_WORDING;

/** The key of a text that states the law, in the wording of the given country's law. */
export function lawWording(key: LawWordedKey, law: Jurisdiction | undefined): MessageKey {
  return law === 'NO' ? NORWEGIAN_WORDING[key] : key;
}
