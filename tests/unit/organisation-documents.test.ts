import { accountsYearsForRound, archiveDocumentExpired, archiveOffers, archiveUploadSchema, isOrganisationDocumentKind, replacedByUpload, validityForRound, ORGANISATION_DOCUMENT_KINDS } from '../../domain/organisation-documents';
import { APPLICATION_DOCUMENT_KINDS } from '../../domain/tiers';

// The rules of an association's documents kept once: which kinds, how long each is valid, which
// accounts a round takes, and when retention deletes them.

const TZ = 'Europe/Copenhagen';
const at = (iso: string) => new Date(iso);

describe('organisation document kinds', () => {
  it('keeps the application documents about the association, never the project budget', () => {
    expect([...ORGANISATION_DOCUMENT_KINDS].sort()).toEqual(['annual_accounts', 'statutes']);
    for (const kind of ORGANISATION_DOCUMENT_KINDS) expect(APPLICATION_DOCUMENT_KINDS).toContain(kind);
    expect(isOrganisationDocumentKind('budget')).toBe(false);
    expect(isOrganisationDocumentKind('statutes')).toBe(true);
  });
});

describe('the upload form', () => {
  const schema = archiveUploadSchema(2026);

  it('takes statutes without a year and accounts with a past or current year', () => {
    expect(schema.parse({ kind: 'statutes', financialYear: '2020' })).toEqual({ kind: 'statutes', financialYear: null });
    expect(schema.parse({ kind: 'annual_accounts', financialYear: ' 2025 ' })).toEqual({ kind: 'annual_accounts', financialYear: 2025 });
    expect(schema.parse({ kind: 'annual_accounts', financialYear: '2026' })).toEqual({ kind: 'annual_accounts', financialYear: 2026 });
  });

  it('refuses accounts without a year, with a future year or a malformed one, and an unknown kind', () => {
    for (const financialYear of [undefined, '', '2027', '25', '1999', 'to tusind']) {
      const result = schema.safeParse({ kind: 'annual_accounts', financialYear });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['financialYear']);
      expect(result.error?.issues[0]?.message).toBe('i18n:archive.errors.financialYear');
    }
    expect(schema.safeParse({ kind: 'budget' }).error?.issues[0]?.message).toBe('i18n:archive.errors.kind');
  });
});

describe('replacing', () => {
  const kept = [
    { id: 's1', kind: 'statutes', financialYear: null, replacedAt: null },
    { id: 'a24', kind: 'annual_accounts', financialYear: 2024, replacedAt: null },
    { id: 'a25', kind: 'annual_accounts', financialYear: 2025, replacedAt: null },
    { id: 's0', kind: 'statutes', financialYear: null, replacedAt: at('2025-01-01T00:00:00Z') },
  ];

  it('new statutes replace the current statutes; accounts replace only the same year', () => {
    expect(replacedByUpload(kept, { kind: 'statutes', financialYear: null }).map((d) => d.id)).toEqual(['s1']);
    expect(replacedByUpload(kept, { kind: 'annual_accounts', financialYear: 2025 }).map((d) => d.id)).toEqual(['a25']);
    expect(replacedByUpload(kept, { kind: 'annual_accounts', financialYear: 2023 })).toEqual([]);
  });
});

describe('which accounts a round takes', () => {
  it('before 1 July: the last closed financial year and the one before', () => {
    expect(accountsYearsForRound(at('2026-03-01T09:00:00Z'), TZ)).toEqual([2025, 2024]);
    // 30 June 23:30 in Copenhagen is still June there.
    expect(accountsYearsForRound(at('2026-06-30T21:30:00Z'), TZ)).toEqual([2025, 2024]);
  });

  it('from 1 July: only the last closed financial year', () => {
    expect(accountsYearsForRound(at('2026-06-30T22:30:00Z'), TZ)).toEqual([2025]);
    expect(accountsYearsForRound(at('2026-12-31T12:00:00Z'), TZ)).toEqual([2025]);
  });

  it('counts the year in the municipality time zone (New Year in Copenhagen is 23:00 UTC)', () => {
    expect(accountsYearsForRound(at('2026-12-31T23:30:00Z'), TZ)).toEqual([2026, 2025]);
  });
});

describe('validity for a round', () => {
  const spring = { opensAt: at('2026-03-01T09:00:00Z') };
  const autumn = { opensAt: at('2026-09-01T09:00:00Z') };

  it('statutes are valid until replaced', () => {
    expect(validityForRound({ kind: 'statutes', financialYear: null, replacedAt: null }, spring, TZ)).toBe('valid');
    expect(validityForRound({ kind: 'statutes', financialYear: null, replacedAt: at('2026-02-01T00:00:00Z') }, spring, TZ)).toBe('replaced');
  });

  it('accounts are valid for the years the round takes, and never once replaced', () => {
    expect(validityForRound({ kind: 'annual_accounts', financialYear: 2024, replacedAt: null }, spring, TZ)).toBe('valid');
    expect(validityForRound({ kind: 'annual_accounts', financialYear: 2024, replacedAt: null }, autumn, TZ)).toBe('wrongYear');
    expect(validityForRound({ kind: 'annual_accounts', financialYear: 2026, replacedAt: null }, autumn, TZ)).toBe('wrongYear');
    expect(validityForRound({ kind: 'annual_accounts', financialYear: 2025, replacedAt: at('2026-01-01T00:00:00Z') }, autumn, TZ)).toBe('replaced');
  });

  it('offers, per kind asked for, the valid document of the newest year', () => {
    const uploadedAt = at('2026-03-03T10:00:00Z');
    const documents = [
      { id: 'old', kind: 'statutes', financialYear: null, replacedAt: at('2026-03-03T10:00:00Z'), uploadedAt: at('2025-01-01T00:00:00Z') },
      { id: 'new', kind: 'statutes', financialYear: null, replacedAt: null, uploadedAt },
      { id: 'a24', kind: 'annual_accounts', financialYear: 2024, replacedAt: null, uploadedAt },
      { id: 'a25', kind: 'annual_accounts', financialYear: 2025, replacedAt: null, uploadedAt },
      { id: 'a23', kind: 'annual_accounts', financialYear: 2023, replacedAt: null, uploadedAt },
    ];
    const offers = archiveOffers(documents, ['statutes', 'annual_accounts', 'budget'], spring, TZ);
    expect(offers.get('statutes')?.id).toBe('new');
    expect(offers.get('annual_accounts')?.id).toBe('a25');
    expect(archiveOffers(documents, ['statutes'], spring, TZ).has('annual_accounts')).toBe(false);
    expect(archiveOffers(documents.filter((d) => d.id === 'a23'), ['annual_accounts'], spring, TZ).size).toBe(0);
  });
});

describe('retention of kept documents', () => {
  const cutoff = at('2025-12-01T00:00:00Z');
  const active = { members: 2, lastApplicationAt: null };

  it('deletes a replaced document once the period has passed since it was replaced', () => {
    expect(archiveDocumentExpired({ replacedAt: at('2025-11-30T00:00:00Z') }, active, cutoff)).toBe(true);
    expect(archiveDocumentExpired({ replacedAt: at('2025-12-02T00:00:00Z') }, active, cutoff)).toBe(false);
    expect(archiveDocumentExpired({ replacedAt: null }, active, cutoff)).toBe(false);
  });

  it('deletes every document of an organisation with no members and no application within the period', () => {
    expect(archiveDocumentExpired({ replacedAt: null }, { members: 0, lastApplicationAt: null }, cutoff)).toBe(true);
    expect(archiveDocumentExpired({ replacedAt: null }, { members: 0, lastApplicationAt: at('2025-06-01T00:00:00Z') }, cutoff)).toBe(true);
    expect(archiveDocumentExpired({ replacedAt: null }, { members: 0, lastApplicationAt: at('2026-01-01T00:00:00Z') }, cutoff)).toBe(false);
    expect(archiveDocumentExpired({ replacedAt: null }, { members: 1, lastApplicationAt: null }, cutoff)).toBe(false);
  });
});
