import { handoverRefusal, invitationRefusal, invitationSchema, mayBecomeFirstMember, memberChoiceSchema, removalRefusal, signInRequestSchema } from '../../domain/organisation-access';

// The pure rules of an association's shared access: who may become the first member, and what the
// administrator may do with the membership.

const members = [
  { id: 'a', email: 'inge@forening.dk', role: 'admin' },
  { id: 'b', email: 'bo@forening.dk', role: 'member' },
];

describe('organisation access rules', () => {
  it('lets only an address the organisation gave become its first member', () => {
    expect(mayBecomeFirstMember('inge@forening.dk', ['Inge@Forening.dk ', 'kasse@forening.dk'])).toBe(true);
    expect(mayBecomeFirstMember('fremmed@example.dk', ['inge@forening.dk'])).toBe(false);
    expect(mayBecomeFirstMember('inge@forening.dk', [])).toBe(false);
  });

  it('refuses an invitation to a member', () => {
    expect(invitationRefusal(members, 'bo@forening.dk')).toBe('alreadyMember');
    expect(invitationRefusal(members, 'ny@forening.dk')).toBeUndefined();
  });

  it('never removes the administrator, and removes only members of the organisation', () => {
    expect(removalRefusal(members, 'a')).toBe('lastAdministrator');
    expect(removalRefusal(members, 'b')).toBeUndefined();
    expect(removalRefusal(members, 'x')).toBe('noSuchMember');
  });

  it('hands the role only to another member', () => {
    expect(handoverRefusal(members, 'b', 'a')).toBeUndefined();
    expect(handoverRefusal(members, 'a', 'a')).toBe('alreadyAdministrator');
    expect(handoverRefusal(members, 'x', 'a')).toBe('noSuchMember');
  });

  it('reads the sign-in form by the jurisdiction’s number rule, and addresses lower-cased', () => {
    expect(signInRequestSchema('DK').parse({ organisationNumber: 'DK 1374 8136', email: ' Inge@Forening.DK ' })).toEqual({ organisationNumber: '13748136', email: 'inge@forening.dk' });
    expect(signInRequestSchema('DK').safeParse({ organisationNumber: '13748137', email: 'inge@forening.dk' }).error?.issues.map((issue) => issue.message)).toEqual(['i18n:errors.cvr.checkDigit']);
    expect(signInRequestSchema('DK').safeParse({ organisationNumber: '1374', email: 'inge@forening.dk' }).error?.issues.map((issue) => issue.message)).toEqual(['i18n:errors.cvr.format']);
    expect(signInRequestSchema('NO').parse({ organisationNumber: '974 760 673', email: 'a@lag.no' }).organisationNumber).toBe('974760673');
    expect(invitationSchema.safeParse({ email: 'ikke en adresse' }).success).toBe(false);
    expect(memberChoiceSchema.safeParse({ memberId: 'a' }).success).toBe(false);
  });
});
