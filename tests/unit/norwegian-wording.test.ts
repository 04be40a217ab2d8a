import { accessLogQueryOf } from '../../services/api/admin/access-log';
import { ApiError } from '../../services/api/http/errors';
import { glossaryTermIn, glossaryTermsFor } from '../../domain/jurisdiction';
import { describeMissingItem, describeRuleResult, lawWording, lawWordingOf, ruleTitle, t } from '../../locale';
import { termLink } from '../../services/api/pages/glossary/page';

// The texts a Norwegian municipality shows where a Danish one names its own register, account,
// law or institutions: one map (locale/law-wording.ts) picks the Norwegian wording by jurisdiction,
// and a Danish deployment keeps its own words.

describe('the Norwegian wording of a text', () => {
  it('names the organisasjonsnummer and the politiattest in Norway, and stays Danish in Denmark', () => {
    expect(t('nb', lawWording('casework.cvr', 'NO'))).toBe('Organisasjonsnummer');
    expect(t('nb', lawWording('casework.cvr', 'DK'))).toBe('CVR-nummer');
    expect(t('da', lawWording('casework.cvr', undefined))).toBe('CVR-nummer');
    expect(t('nb', lawWording('apply.form.childCertificates', 'NO'))).toContain('politiattest');
    expect(t('nb', lawWording('apply.form.childCertificates', 'NO'))).toContain('mindreårige eller personer med funksjonsnedsettelse');
    expect(t('nb', lawWording('brief.title', 'NO'))).toBe('Notat til utvalget: tilskudd til frivillige lag og foreninger');
    expect(t('da', lawWording('brief.title', 'DK'))).toBe('Udvalgsbrief: tilskud til frivilligt socialt arbejde (§ 18)');
  });

  it('leaves a text without a Norwegian wording as it is', () => {
    expect(lawWordingOf('apply.form.title', 'NO')).toBe('apply.form.title');
    expect(lawWordingOf('errors.declaration.childCertificatesRequired', 'NO')).toBe('errors.declaration.childCertificatesRequiredNo');
    expect(lawWordingOf('errors.declaration.childCertificatesRequired', 'DK')).toBe('errors.declaration.childCertificatesRequired');
  });

  it('describes the screening of a Norwegian case in Norwegian terms', () => {
    expect(ruleTitle('nb', 'E2', 'NO')).toBe('E2: Kontonummer');
    expect(ruleTitle('nb', 'E2')).toBe('E2: NemKonto');
    expect(describeRuleResult('nb', { reasonKey: 'E10.declared', values: {} }, 'NO')).toContain('krever politiattest');
    expect(describeRuleResult('nb', { reasonKey: 'E10.declared', values: {} }, 'NO')).not.toContain('børneattest');
    expect(describeMissingItem('nb', { code: 'child_certificate_declaration', detail: '' }, 'NO')).toBe('Bekreftelse på at dere krever politiattest');
  });
});

describe('the glossary of a Norwegian municipality', () => {
  it('links the Norwegian term where a page names the Danish one', () => {
    expect(glossaryTermIn('boerneattest', 'NO')).toBe('politiattest');
    expect(glossaryTermIn('boerneattest', 'DK')).toBe('boerneattest');
    expect(glossaryTermIn('maalgruppe', 'NO')).toBe('maalgruppe');
    expect(termLink('nb', 'boerneattest', 'NO').value).toBe('<p class="gf-term-link"><a href="/ordliste#politiattest">Hva betyr «politiattest»?</a></p>');
    expect(termLink('en', 'paa-tro-og-love', 'NO').value).toContain('<a href="/ordliste#tro-og-love">What does “solemn declaration (<span lang="nb">på tro og ære</span>)” mean?</a>');
    for (const term of glossaryTermsFor('NO')) expect(glossaryTermsFor('NO')).toContain(glossaryTermIn(term, 'NO'));
  });
});

describe('the access log search', () => {
  it('takes the jurisdiction’s organisation number: 8 digits in Denmark, 9 in Norway', () => {
    expect(accessLogQueryOf({ cvr: '13748136' })).toEqual({ cvr: '13748136' });
    expect(accessLogQueryOf({ cvr: '100 000 008' }, 'NO')).toEqual({ cvr: '100000008' });
    const refused = (raw: { cvr: string }, jurisdiction: 'DK' | 'NO') => {
      try {
        accessLogQueryOf(raw, jurisdiction);
        return undefined;
      } catch (error) {
        return (error as ApiError).issues;
      }
    };
    expect(refused({ cvr: '13748136' }, 'NO')).toEqual([{ path: 'cvr', message: 'i18n:errors.accessLog.searchTermNo' }]);
    expect(refused({ cvr: '100000009' }, 'NO')).toEqual([{ path: 'cvr', message: 'i18n:errors.accessLog.searchTermNo' }]);
    expect(refused({ cvr: '100000008' }, 'DK')).toEqual([{ path: 'cvr', message: 'i18n:errors.accessLog.searchTerm' }]);
  });
});
