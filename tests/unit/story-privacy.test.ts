import { findPersonalData } from '../../domain/story-privacy';

const who = { associationName: 'Foreningen Fælles Bord', cvr: '13748136', contactName: 'Inge Hansen' };

describe('personal data in a story meant for politicians', () => {
  it('finds nothing in an anonymised story with ordinary numbers, years and times', () => {
    const story = 'Hver torsdag i 2026 spiste op mod 40 naboer sammen kl. 17.30; 12 frivillige lavede mad til 380 deltagere i alt, 2025–2026.';
    expect(findPersonalData(story, who)).toEqual([]);
  });

  it('finds email addresses', () => {
    expect(findPersonalData('Skriv til inge@faellesbord.dk, hvis du vil være med.', who)).toEqual([{ kind: 'email', match: 'inge@faellesbord.dk' }]);
  });

  it.each(['12345678', '12 34 56 78', '+45 1234 5678', '1234-5678', '+47 412 34 567'])('finds the phone number %s', (phone) => {
    expect(findPersonalData(`Ring på ${phone} for at høre mere.`, who)).toEqual([{ kind: 'phone', match: expect.stringContaining(phone.replace(/^\+\d{2} /, '')) }]);
  });

  it.each(['010190-1234', '0101901234', '311299 4321'])('finds the CPR-like number %s and does not also call it a phone number', (cpr) => {
    expect(findPersonalData(`Deltageren (${cpr}) kom hver uge.`, who)).toEqual([{ kind: 'cpr', match: cpr }]);
  });

  it('finds the association’s CVR number, its name in any case and spacing, and the contact person', () => {
    const found = findPersonalData('FORENINGEN  fælles bord (CVR 13748136) takker; spørg inge hansen.', who);
    expect(found).toEqual([
      { kind: 'cvr', match: '13748136' },
      { kind: 'association', match: 'FORENINGEN  fælles bord' },
      { kind: 'contact', match: 'inge hansen' },
    ]);
  });

  it('does not take a word that merely contains the name for the name', () => {
    expect(findPersonalData('Fælles Bordet i salen blev dækket til 40.', { ...who, associationName: 'Fælles Bord' })).toEqual([]);
  });
});
