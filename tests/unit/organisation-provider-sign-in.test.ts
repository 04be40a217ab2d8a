import { emailFromClaim, organisationNumberFromClaim, providerSignInDecision } from '../../domain/organisation-access';

// The pure rules of a member's sign-in through the organisations' OpenID provider (MitID Erhverv):
// which organisation number it vouches for, and who the person is among the organisation's members.

const SUBJECT = 'https://broker.example.dk 1a2b3c';

describe('sign-in through the organisations’ provider', () => {
  it('reads the organisation number by the jurisdiction’s rule', () => {
    expect(organisationNumberFromClaim('29403473', 'DK')).toBe('29403473');
    expect(organisationNumberFromClaim(' DK-29 40 34 73', 'DK')).toBe('29403473');
    expect(organisationNumberFromClaim(29403473, 'DK')).toBe('29403473');
    expect(organisationNumberFromClaim('974760673', 'NO')).toBe('974760673');
    // A wrong check digit, too few digits, another country's number, nothing, a list: no number.
    expect(organisationNumberFromClaim('29403474', 'DK')).toBeUndefined();
    expect(organisationNumberFromClaim('2940347', 'DK')).toBeUndefined();
    expect(organisationNumberFromClaim('974760673', 'DK')).toBeUndefined();
    expect(organisationNumberFromClaim(undefined, 'DK')).toBeUndefined();
    expect(organisationNumberFromClaim(['29403473'], 'DK')).toBeUndefined();
  });

  it('reads the address lower-cased, and nothing that is no address', () => {
    expect(emailFromClaim(' Inge@Forening.DK ')).toBe('inge@forening.dk');
    expect(emailFromClaim('ikke en adresse')).toBeUndefined();
    expect(emailFromClaim(undefined)).toBeUndefined();
    expect(emailFromClaim(42)).toBeUndefined();
  });

  const inge = { id: 'a', email: 'inge@forening.dk', providerSubject: SUBJECT };
  const bo = { id: 'b', email: 'bo@forening.dk', providerSubject: null };

  it('(a) signs in the member whose provider identity is stored, whatever address the provider gives now', () => {
    expect(providerSignInDecision([inge, bo], { subject: SUBJECT, email: 'inge.ny@forening.dk' })).toEqual({ outcome: 'member', memberId: 'a', storeSubject: false });
    expect(providerSignInDecision([inge, bo], { subject: SUBJECT })).toEqual({ outcome: 'member', memberId: 'a', storeSubject: false });
  });

  it('(b) signs in a member by their address and stores their provider identity', () => {
    expect(providerSignInDecision([inge, bo], { subject: 'https://broker.example.dk bo', email: 'bo@forening.dk' })).toEqual({ outcome: 'member', memberId: 'b', storeSubject: true });
  });

  it('(b) never gives a member whose stored identity is another person’s to a second identity with the same address', () => {
    expect(providerSignInDecision([inge, bo], { subject: 'https://broker.example.dk someone-else', email: 'inge@forening.dk' })).toEqual({ outcome: 'notMember' });
  });

  it('(c) makes the first person of an organisation without members its first member', () => {
    expect(providerSignInDecision([], { subject: SUBJECT, email: 'inge@forening.dk' })).toEqual({ outcome: 'firstMember' });
    // A member row needs an address: without one the provider's sign-in cannot make a member.
    expect(providerSignInDecision([], { subject: SUBJECT })).toEqual({ outcome: 'noEmail' });
  });

  it('(d) refuses a person who is not among the members', () => {
    expect(providerSignInDecision([inge, bo], { subject: 'https://broker.example.dk fremmed', email: 'fremmed@example.dk' })).toEqual({ outcome: 'notMember' });
    expect(providerSignInDecision([inge, bo], { subject: 'https://broker.example.dk fremmed' })).toEqual({ outcome: 'notMember' });
  });
});
