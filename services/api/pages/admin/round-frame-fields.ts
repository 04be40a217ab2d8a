import { lawWording, t, type Language } from '../../../../locale';
import type { Jurisdiction } from '../../../../domain/jurisdiction';
import { DECISION_MAKERS, type LegalFrame } from '../../../../domain/legal-frame';
import { choiceGroup, textArea, textField, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';

// The round form's legal frame: the rules its decisions rest on, who decides, the complaint
// guidance, the contact person and the department that sends the letters. Each input is named by
// its path in the round's settings (legalFrame.contact.phone), so a missing field the shared rules
// name lands on its input.

type Values = Record<string, string | string[]>;

const LANGUAGES = ['da', 'nb', 'en'] as const;

export const FRAME_FIELD_NAMES = [
  'legalFrame.legalBasis',
  'legalFrame.guidelines.name',
  'legalFrame.guidelines.adoptedOn',
  'legalFrame.guidelines.adoptedBy',
  'legalFrame.guidelines.url',
  'legalFrame.decisionMaker.kind',
  'legalFrame.decisionMaker.body',
  'legalFrame.decisionMaker.meetingDate',
  'legalFrame.contact.name',
  'legalFrame.contact.phone',
  'legalFrame.contact.email',
  'legalFrame.department',
  ...LANGUAGES.map((language) => `legalFrame.complaintGuidance.${language}`),
] as const;

/** The round's frame as the form's texts ('' for what the round leaves blank). */
export function frameFormValues(frame: LegalFrame): Values {
  return {
    'legalFrame.legalBasis': frame.legalBasis ?? '',
    'legalFrame.guidelines.name': frame.guidelines.name ?? '',
    'legalFrame.guidelines.adoptedOn': frame.guidelines.adoptedOn ?? '',
    'legalFrame.guidelines.adoptedBy': frame.guidelines.adoptedBy ?? '',
    'legalFrame.guidelines.url': frame.guidelines.url ?? '',
    'legalFrame.decisionMaker.kind': frame.decisionMaker.kind,
    'legalFrame.decisionMaker.body': frame.decisionMaker.body ?? '',
    'legalFrame.decisionMaker.meetingDate': frame.decisionMaker.meetingDate ?? '',
    'legalFrame.contact.name': frame.contact.name ?? '',
    'legalFrame.contact.phone': frame.contact.phone ?? '',
    'legalFrame.contact.email': frame.contact.email ?? '',
    'legalFrame.department': frame.department ?? '',
    ...Object.fromEntries(LANGUAGES.map((language) => [`legalFrame.complaintGuidance.${language}`, frame.complaintGuidance[language] ?? ''])),
  };
}

/** The posted fields as the frame the shared schema checks (blank fields are left blank). */
export function frameFromForm(body: Record<string, unknown>): Record<string, unknown> {
  const text = (name: (typeof FRAME_FIELD_NAMES)[number]) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  return {
    legalBasis: text('legalFrame.legalBasis'),
    guidelines: {
      name: text('legalFrame.guidelines.name'),
      adoptedOn: text('legalFrame.guidelines.adoptedOn').trim(),
      adoptedBy: text('legalFrame.guidelines.adoptedBy'),
      url: text('legalFrame.guidelines.url').trim(),
    },
    decisionMaker: {
      kind: text('legalFrame.decisionMaker.kind') || undefined,
      body: text('legalFrame.decisionMaker.body'),
      meetingDate: text('legalFrame.decisionMaker.meetingDate').trim(),
    },
    complaintGuidance: Object.fromEntries(LANGUAGES.map((language) => [language, text(`legalFrame.complaintGuidance.${language}`)])),
    contact: {
      name: text('legalFrame.contact.name'),
      phone: text('legalFrame.contact.phone'),
      email: text('legalFrame.contact.email').trim(),
    },
    department: text('legalFrame.department'),
  };
}

/** `hint` says what must be filled in: a round's rules by default, a scheme's on the scheme page. */
export function renderFrameFields(language: Language, values: Values, errors: FieldErrors, hint = t(language, 'admin.frameHint'), law?: Jurisdiction): SafeHtml {
  const value = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const field = (name: string, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
    textField({ name, label, language, value: value(name), error: errors[name], ...extra });
  return html`
    <h2>${t(language, 'admin.sectionFrame')}</h2>
    <p class="form-hint">${hint}</p>
    ${field('legalFrame.legalBasis', t(language, 'admin.legalBasis'), { hint: t(language, 'admin.legalBasisHint'), width: 'l', maxLength: 200 })}
    ${field('legalFrame.guidelines.name', t(language, 'admin.guidelinesName'), { width: 'xl', maxLength: 300 })}
    ${field('legalFrame.guidelines.adoptedOn', t(language, 'admin.guidelinesAdoptedOn'), { type: 'date', width: 's' })}
    ${field('legalFrame.guidelines.adoptedBy', t(language, 'admin.guidelinesAdoptedBy'), { width: 'l', maxLength: 200 })}
    ${field('legalFrame.guidelines.url', t(language, 'admin.guidelinesUrl'), { width: 'xl', maxLength: 500, optional: true, inputMode: 'text' })}
    ${choiceGroup({
      name: 'legalFrame.decisionMaker.kind',
      label: t(language, 'admin.decisionMaker'),
      language,
      multiple: false,
      value: value('legalFrame.decisionMaker.kind') || 'delegation',
      error: errors['legalFrame.decisionMaker.kind'],
      options: DECISION_MAKERS.map((kind) => ({ value: kind, label: t(language, `admin.decisionMaker.${kind}`) })),
    })}
    ${field('legalFrame.decisionMaker.body', t(language, 'admin.decisionMakerBody'), { hint: t(language, 'admin.decisionMakerBodyHint'), width: 'l', maxLength: 200 })}
    ${field('legalFrame.decisionMaker.meetingDate', t(language, 'admin.meetingDate'), { type: 'date', width: 's', optional: true, hint: t(language, 'admin.meetingDateHint') })}

    <h2>${t(language, 'admin.sectionContact')}</h2>
    <p class="form-hint">${t(language, 'admin.contactHint')}</p>
    ${field('legalFrame.contact.name', t(language, 'admin.contactName'), { width: 'l', maxLength: 200, autocomplete: 'off' })}
    ${field('legalFrame.contact.phone', t(language, 'admin.contactPhone'), { type: 'tel', width: 's', maxLength: 40, autocomplete: 'off' })}
    ${field('legalFrame.contact.email', t(language, 'admin.contactEmail'), { type: 'email', width: 'l', maxLength: 200, autocomplete: 'off' })}
    ${field('legalFrame.department', t(language, 'admin.department'), { hint: t(language, 'admin.departmentHint'), width: 'l', maxLength: 200, optional: true, autocomplete: 'off' })}

    <h2>${t(language, 'admin.sectionComplaint')}</h2>
    <p class="form-hint">${t(language, lawWording('admin.complaintHint', law))}</p>
    ${LANGUAGES.map((guidance) =>
      textArea({
        name: `legalFrame.complaintGuidance.${guidance}`,
        label: t(language, `admin.complaintGuidance.${guidance}`),
        language,
        value: value(`legalFrame.complaintGuidance.${guidance}`),
        error: errors[`legalFrame.complaintGuidance.${guidance}`],
        maxLength: 4000,
        rows: 4,
        optional: true,
      }),
    )}`;
}
