import { z } from 'zod';
import { messageKey } from './message-key';
import type { Jurisdiction } from '../lib/jurisdiction';

// The legal frame of a funding round: the rules its decisions rest on, who makes them, how the
// association can have a decision looked at again, and whom it can ask. Letters and emails print
// it; a round of another scheme (or another country) has a frame of its own.

export const DECISION_MAKERS = ['delegation', 'committee'] as const;
export type DecisionMakerKind = (typeof DECISION_MAKERS)[number];

/** Blank means "not given": the form sends empty fields, the API may leave them out. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : undefined));

const optionalDate = z
  .union([z.literal(''), z.iso.date()])
  .optional()
  .transform((value) => (value ? value : undefined));

const optionalEmail = z
  .union([z.literal(''), z.email()])
  .optional()
  .transform((value) => (value ? value : undefined));

const optionalUrl = z
  .union([z.literal(''), z.url({ protocol: /^https?$/ })])
  .optional()
  .transform((value) => (value ? value : undefined));

const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .regex(/^$|^[+\d][\d\s-]*$/, { message: messageKey('errors.staff.phoneFormat') })
  .optional()
  .transform((value) => (value ? value : undefined));

/**
 * One schema for the admin API and the admin form. Every field may be left out here; whether the
 * frame is complete enough to open the round is `legalFrameGaps`'s question, so the same input is
 * refused in production and filled from the shipped defaults in development and tests.
 */
export const legalFrameSchema = z.strictObject({
  /** The provision the grants are made under, as the letter cites it: "serviceloven § 18". */
  legalBasis: optionalText(200),
  guidelines: z
    .strictObject({
      name: optionalText(300),
      adoptedOn: optionalDate,
      adoptedBy: optionalText(200),
      url: optionalUrl,
    })
    .prefault({}),
  /**
   * Who decides: the administration under delegation from `body` (the committee or council that
   * delegated), or the committee `body` itself at its meeting on `meetingDate`.
   */
  decisionMaker: z
    .strictObject({
      kind: z.enum(DECISION_MAKERS).default('delegation'),
      body: optionalText(200),
      meetingDate: optionalDate,
    })
    .prefault({}),
  /** A round's own complaint guidance per language; where blank, the letter's shipped guidance. */
  complaintGuidance: z.strictObject({ da: optionalText(4000), nb: optionalText(4000), en: optionalText(4000) }).prefault({}),
  /** Whom the association can ask about the round and its cases. */
  contact: z.strictObject({ name: optionalText(200), phone: phoneSchema, email: optionalEmail }).prefault({}),
  /**
   * The administration that handles the cases and sends the letters, where it is not the
   * deployment's MUNICIPALITY_DEPARTMENT (a culture pool run by Kultur og Fritid, say).
   */
  department: optionalText(200),
}).meta({
  description:
    'The legal frame: legal basis, guidelines, who decides (delegation or a committee and its meeting date), complaint guidance per language ' +
    '(blank: the shipped guidance), the contact person and the department whose letters these are (blank: the municipality\'s own). In production every field but guidelines.url, the meeting date of a delegated ' +
    'decision and the complaint guidance is required (400 legal_frame_incomplete naming each missing field); elsewhere blanks get the shipped § 18 frame.',
});

export type LegalFrame = z.output<typeof legalFrameSchema>;

/** The frame once complete: what letters and emails print. */
export interface CompleteLegalFrame {
  legalBasis: string;
  guidelines: { name: string; adoptedOn: string; adoptedBy: string; url?: string };
  decisionMaker: { kind: DecisionMakerKind; body: string; meetingDate?: string };
  complaintGuidance: { da?: string; nb?: string; en?: string };
  contact: { name: string; phone: string; email: string };
  /** Absent: the deployment's MUNICIPALITY_DEPARTMENT. */
  department?: string;
}

/**
 * The frame a Danish § 18 round ships with (and existing rounds were given by their migration):
 * decided by the administration under delegation from the committee that adopted the guidelines.
 * The contact person is the municipality's own; the complaint guidance is the catalogues'.
 */
export function shippedLegalFrame(contact: CompleteLegalFrame['contact']): CompleteLegalFrame {
  return {
    legalBasis: 'serviceloven § 18',
    guidelines: { name: 'Retningslinjer for tilskud til frivilligt socialt arbejde (§ 18)', adoptedOn: '2026-01-15', adoptedBy: 'Social- og Sundhedsudvalget' },
    decisionMaker: { kind: 'delegation', body: 'Social- og Sundhedsudvalget' },
    complaintGuidance: {},
    contact,
  };
}

/**
 * The frame a Norwegian municipality's rounds ship with (JURISDICTION=NO): grants to voluntary
 * organisations ("tilskudd til frivillige lag og foreninger") need no act of their own; the
 * municipality gives them within its budget, after guidelines a committee adopted, and each grant
 * or refusal is an enkeltvedtak (forvaltningsloven). Decided by the administration under
 * delegation; the klage goes to the municipality and on to its klagenemnd (the catalogues' guidance).
 */
export function norwegianLegalFrame(contact: CompleteLegalFrame['contact']): CompleteLegalFrame {
  return {
    legalBasis: 'kommunestyrets budsjettvedtak',
    guidelines: { name: 'Retningslinjer for tilskudd til frivillige lag og foreninger', adoptedOn: '2026-01-20', adoptedBy: 'Hovedutvalg for helse og omsorg' },
    decisionMaker: { kind: 'delegation', body: 'Hovedutvalg for helse og omsorg' },
    complaintGuidance: {},
    contact,
  };
}

/** The legal frame defaults of the deployment's jurisdiction: what a round's blanks are filled from. */
export function defaultLegalFrame(jurisdiction: Jurisdiction, contact: CompleteLegalFrame['contact']): CompleteLegalFrame {
  return jurisdiction === 'NO' ? norwegianLegalFrame(contact) : shippedLegalFrame(contact);
}

/**
 * The frame with every blank field taken from `defaults` (a committee's meeting date is never
 * guessed). The defaults may have blanks of their own: a scheme's frame leaves the contact to its rounds.
 */
export function withFrameDefaults(frame: LegalFrame, defaults: LegalFrame | CompleteLegalFrame): LegalFrame {
  const committee = frame.decisionMaker.kind === 'committee';
  return {
    legalBasis: frame.legalBasis ?? defaults.legalBasis,
    guidelines: {
      name: frame.guidelines.name ?? defaults.guidelines.name,
      adoptedOn: frame.guidelines.adoptedOn ?? defaults.guidelines.adoptedOn,
      adoptedBy: frame.guidelines.adoptedBy ?? defaults.guidelines.adoptedBy,
      url: frame.guidelines.url ?? defaults.guidelines.url,
    },
    decisionMaker: {
      kind: frame.decisionMaker.kind,
      body: frame.decisionMaker.body ?? (committee ? undefined : defaults.decisionMaker.body),
      meetingDate: committee ? frame.decisionMaker.meetingDate : undefined,
    },
    complaintGuidance: {
      da: frame.complaintGuidance.da ?? defaults.complaintGuidance.da,
      nb: frame.complaintGuidance.nb ?? defaults.complaintGuidance.nb,
      en: frame.complaintGuidance.en ?? defaults.complaintGuidance.en,
    },
    contact: {
      name: frame.contact.name ?? defaults.contact.name,
      phone: frame.contact.phone ?? defaults.contact.phone,
      email: frame.contact.email ?? defaults.contact.email,
    },
    department: frame.department ?? defaults.department,
  };
}

/** The department a stored frame names for its round's letters; undefined: the deployment's own. */
export function frameDepartment(stored: unknown): string | undefined {
  const parsed = legalFrameSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data.department : undefined;
}

const GAP_MESSAGES = {
  'legalFrame.legalBasis': messageKey('errors.legalFrame.legalBasis'),
  'legalFrame.guidelines.name': messageKey('errors.legalFrame.guidelinesName'),
  'legalFrame.guidelines.adoptedOn': messageKey('errors.legalFrame.guidelinesAdoptedOn'),
  'legalFrame.guidelines.adoptedBy': messageKey('errors.legalFrame.guidelinesAdoptedBy'),
  'legalFrame.decisionMaker.body': messageKey('errors.legalFrame.decisionMakerBody'),
  'legalFrame.decisionMaker.meetingDate': messageKey('errors.legalFrame.meetingDate'),
  'legalFrame.contact.name': messageKey('errors.legalFrame.contactName'),
  'legalFrame.contact.phone': messageKey('errors.legalFrame.contactPhone'),
  'legalFrame.contact.email': messageKey('errors.legalFrame.contactEmail'),
} as const;

/** What a round still lacks before it may open: each missing field by its path, with a message naming it. */
export function legalFrameGaps(frame: LegalFrame): { path: keyof typeof GAP_MESSAGES; message: string }[] {
  const required: [keyof typeof GAP_MESSAGES, unknown][] = [
    ['legalFrame.legalBasis', frame.legalBasis],
    ['legalFrame.guidelines.name', frame.guidelines.name],
    ['legalFrame.guidelines.adoptedOn', frame.guidelines.adoptedOn],
    ['legalFrame.guidelines.adoptedBy', frame.guidelines.adoptedBy],
    ['legalFrame.decisionMaker.body', frame.decisionMaker.body],
    ['legalFrame.decisionMaker.meetingDate', frame.decisionMaker.kind === 'committee' ? frame.decisionMaker.meetingDate : 'not needed'],
    ['legalFrame.contact.name', frame.contact.name],
    ['legalFrame.contact.phone', frame.contact.phone],
    ['legalFrame.contact.email', frame.contact.email],
  ];
  return required.filter(([, value]) => !value).map(([path]) => ({ path, message: GAP_MESSAGES[path] }));
}

/**
 * The frame as letters and emails use it: a stored frame (JSON, possibly from before frames were
 * required, or written straight to the database) completed from the defaults.
 */
export function resolvedLegalFrame(stored: unknown, defaults: CompleteLegalFrame): CompleteLegalFrame {
  const parsed = legalFrameSchema.safeParse(stored ?? {});
  const frame = withFrameDefaults(parsed.success ? parsed.data : legalFrameSchema.parse({}), defaults);
  const committee = frame.decisionMaker.kind === 'committee' && frame.decisionMaker.body && frame.decisionMaker.meetingDate;
  return {
    legalBasis: frame.legalBasis!,
    guidelines: { name: frame.guidelines.name!, adoptedOn: frame.guidelines.adoptedOn!, adoptedBy: frame.guidelines.adoptedBy!, url: frame.guidelines.url },
    decisionMaker: committee
      ? { kind: 'committee', body: frame.decisionMaker.body!, meetingDate: frame.decisionMaker.meetingDate }
      : { kind: 'delegation', body: frame.decisionMaker.kind === 'delegation' && frame.decisionMaker.body ? frame.decisionMaker.body : defaults.decisionMaker.body },
    complaintGuidance: frame.complaintGuidance,
    contact: { name: frame.contact.name!, phone: frame.contact.phone!, email: frame.contact.email! },
    ...(frame.department ? { department: frame.department } : {}),
  };
}
