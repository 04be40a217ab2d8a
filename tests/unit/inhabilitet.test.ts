import { conflictingCvrs, isConflicted } from '../../domain/inhabilitet';
import { tieDeclarationSchema } from '../../domain/inhabilitet-schema';

describe('inhabilitet: declared ties', () => {
  it('bar the declarer from the associations declared, and only those', () => {
    expect(isConflicted(['13748136'], '13748136')).toBe(true);
    expect(isConflicted(['13748136'], '29190003')).toBe(false);
    // A case or round started before the check carries no CVR: the workflow cannot tell, the API does.
    expect(isConflicted(['13748136'], undefined)).toBe(false);
    expect(isConflicted(undefined, '13748136')).toBe(false);
    expect(conflictingCvrs(['13748136', '29190003'], ['29190003', undefined, '29190003', '12345674'])).toEqual(['29190003']);
  });

  it('are declared with a valid CVR, a known kind, and a note when the kind is "other"', () => {
    expect(tieDeclarationSchema().parse({ cvr: 'DK 1374 8136', kind: 'board_member' })).toEqual({ cvr: '13748136', kind: 'board_member', note: '' });
    expect(tieDeclarationSchema().safeParse({ cvr: '13748137', kind: 'relative' }).success).toBe(false);
    expect(tieDeclarationSchema().safeParse({ cvr: '13748136', kind: 'friend' }).success).toBe(false);
    const other = tieDeclarationSchema().safeParse({ cvr: '13748136', kind: 'other', note: '  ' });
    expect(other.success ? [] : other.error.issues.map((issue) => issue.path.join('.'))).toEqual(['note']);
    expect(tieDeclarationSchema().safeParse({ cvr: '13748136', kind: 'other', note: 'Min svoger er kasserer' }).success).toBe(true);
  });

  it('are declared with an organisasjonsnummer in a Norwegian deployment', () => {
    expect(tieDeclarationSchema('NO').parse({ cvr: '974 760 673', kind: 'board_member' })).toEqual({ cvr: '974760673', kind: 'board_member', note: '' });
    expect(tieDeclarationSchema('NO').safeParse({ cvr: '13748136', kind: 'board_member' }).success).toBe(false);
    expect(tieDeclarationSchema('DK').safeParse({ cvr: '974760673', kind: 'board_member' }).success).toBe(false);
  });
});
