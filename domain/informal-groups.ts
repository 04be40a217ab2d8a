import { z } from 'zod';
import { messageKey } from './message-key';

// A § 18 round may also fund a self-organised group without an organisation number ("selvorganiseret
// gruppe"; in Norway a group without organisasjonsnummer). Such a group applies through a
// sponsoring association that has a number, confirms the sponsorship and receives the payout: the
// sponsor answers to the municipality for the money, so the register check, the earlier reports
// and the payout all concern the sponsor. The group itself is named on the case and in the letter.

/** What a round allows: only associations (every round made before groups existed), or groups through a sponsor too. */
export const INFORMAL_GROUP_RULES = ['none', 'sponsor'] as const;
export type InformalGroupRule = (typeof INFORMAL_GROUP_RULES)[number];

export const APPLICANT_KINDS = ['association', 'informalGroup'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export const informalGroupRuleSchema = z.enum(INFORMAL_GROUP_RULES).meta({
  description: 'Who may apply: "none" only associations with an organisation number; "sponsor" also self-organised groups through a sponsoring association, which receives the payout.',
});

/**
 * Who applies. Left out (every submission made before groups existed) it is an association. For a
 * group, the submission's `organization` is the sponsoring association and `contact` the group's
 * named adult responsible.
 */
export const applicantSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('association') }),
    z.object({
      kind: z.literal('informalGroup'),
      groupName: z.string().trim().min(1).max(200),
      /** How many people are in the group (Frifond asks for at least three). */
      members: z
        .number({ message: messageKey('errors.informalGroup.members') })
        .int({ message: messageKey('errors.informalGroup.members') })
        .min(2, { message: messageKey('errors.informalGroup.members') })
        .max(10_000),
    }),
  ])
  .default({ kind: 'association' })
  .meta({
    description:
      'Who applies: an association ({"kind":"association"}, the default) or a self-organised group ({"kind":"informalGroup","groupName","members"}); ' +
      'a group applies through the sponsoring association given as `organization`, which confirms by email and receives the payout, with `contact` as the adult responsible.',
  });

export type Applicant = z.infer<typeof applicantSchema>;

export function isInformalGroup(applicant: Applicant | undefined): applicant is Extract<Applicant, { kind: 'informalGroup' }> {
  return applicant?.kind === 'informalGroup';
}

/** Whether the round takes this applicant; a field issue's message key when not. */
export function applicantRefusal(applicant: Applicant | undefined, rule: string): 'errors.informalGroup.notAllowed' | undefined {
  return isInformalGroup(applicant) && rule !== 'sponsor' ? 'errors.informalGroup.notAllowed' : undefined;
}

/** The group's name as the letter and the case page write the applicant: "Group, c/o Sponsor". */
export interface ApplicantParty {
  kind: ApplicantKind;
  groupName?: string;
}

/** The applicant as a stored submission records it (an old one has no `applicant`). */
export function applicantOf(submission: unknown): Applicant {
  const parsed = applicantSchema.safeParse((submission as { applicant?: unknown } | null)?.applicant);
  return parsed.success ? parsed.data : { kind: 'association' };
}
