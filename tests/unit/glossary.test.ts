import type { Request } from 'express';
import { LANGUAGES } from '../../lib/languages';
import { t } from '../../locale';
import { glossaryTermsFor } from '../../domain/jurisdiction';
import { glossaryPage, termLink } from '../../services/api/pages/glossary/page';
import { stepPage } from '../../services/api/pages/apply/step-pages';
import type { DraftAnswers } from '../../domain/draft-steps';
import type { FundingRound } from '../../prisma/generated/client';

const site = { municipalityName: 'Testkommune', municipalityEmail: 'tilskud@test.dk', municipalityPhone: '11 22 33 44', municipalityDepartment: 'Frivillighed' };
const request = (url: string) => ({ originalUrl: url }) as Request;

/** The definition list's terms as [id, term, explanation], in page order. */
function entries(markup: string): [string, string, string][] {
  const list = /<dl class="gf-glossary">([\s\S]*?)<\/dl>/.exec(markup)?.[1] ?? '';
  return [...list.matchAll(/<dt id="([^"]+)">(.*?)<\/dt>\s*<dd>([^<]*)<\/dd>/g)].map((m) => [m[1]!, m[2]!.replace(/<[^>]+>/g, ''), m[3]!]);
}

describe('the glossary', () => {
  it.each(LANGUAGES)('lists every term in %s with its slug as id, its name and a plain explanation of 2–4 sentences', (language) => {
    const markup = glossaryPage(request(`/ordliste?lang=${language}`), site, language);
    expect(markup).toContain(`<html lang="${language}">`);
    expect(markup).toContain(`<h1>${t(language, 'glossary.page.title')}</h1>`);
    const found = entries(markup);
    expect(found.map(([id]) => id)).toEqual(glossaryTermsFor('DK'));
    for (const [, name, text] of found) {
      expect(name.trim()).not.toBe('');
      // Norwegian may add one short sentence on how Norway differs.
      const sentences = text.split(/(?<=[.?!])\s+(?=[A-ZÆØÅ§])/).length;
      expect({ text, fits: sentences >= 2 && sentences <= (language === 'nb' ? 5 : 4) }).toEqual({ text, fits: true });
    }
  });

  it('tells where to go about a § 18 decision: reconsideration, the supervisory authority and the ombudsman', () => {
    for (const language of LANGUAGES) {
      const text = t(language, 'glossary.term.text.klagevejledning');
      expect(text).toMatch(/genvurdering|reconsideration/);
      expect(text).toMatch(/Ankestyrelsen/);
      expect(text).toMatch(/Ombudsman/);
    }
  });

  it('links a term with text that makes sense out of context', () => {
    expect(termLink('da', 'paa-tro-og-love').value).toBe('<p class="gf-term-link"><a href="/ordliste#paa-tro-og-love">Hvad betyder ”på tro og love”?</a></p>');
    expect(termLink('en', 'boerneattest').value).toContain('What does “child protection certificate (<span lang="da">børneattest</span>)” mean?');
  });

  it('marks the Danish term as Danish on Norwegian and English pages', () => {
    const english = glossaryPage(request('/ordliste?lang=en'), site, 'en');
    expect(english).toContain('<dt id="begrundelse">statement of reasons (<span lang="da">begrundelse</span>)</dt>');
    expect(english).toContain('<dt id="nemkonto"><span lang="da">NemKonto</span></dt>');
    expect(english).toContain('<dt id="cvr-nummer">CVR number</dt>');
    const norwegian = glossaryPage(request('/ordliste?lang=nb'), site, 'nb');
    expect(norwegian).toContain('<dt id="klagevejledning"><span lang="da">klagevejledning</span> (klageveiledning)</dt>');
    expect(norwegian).toContain('<dt id="maalgruppe">målgruppe</dt>');
    expect(entries(glossaryPage(request('/ordliste'), site, 'da')).length).toBe(glossaryTermsFor('DK').length);
    expect(glossaryPage(request('/ordliste'), site, 'da')).not.toContain('<span lang="da">');
  });
});

describe('the glossary of a Norwegian deployment', () => {
  it('explains the organisasjonsnummer instead of the CVR number, the Norwegian word marked as bokmål elsewhere', () => {
    const norwegianSite = { ...site, jurisdiction: 'NO' as const };
    const ids = entries(glossaryPage(request('/ordliste?lang=nb'), norwegianSite, 'nb')).map(([id]) => id);
    expect(ids).toEqual(glossaryTermsFor('NO'));
    expect(ids).toContain('organisasjonsnummer');
    expect(ids).not.toContain('cvr-nummer');
    expect(glossaryPage(request('/ordliste?lang=nb'), norwegianSite, 'nb')).toContain('<dt id="organisasjonsnummer">organisasjonsnummer</dt>');
    expect(glossaryPage(request('/ordliste?lang=en'), norwegianSite, 'en')).toContain('<dt id="organisasjonsnummer">organisation number (<span lang="nb">organisasjonsnummer</span>)</dt>');
  });

  it('explains the account number the organisation gives instead of the NemKonto, and a Danish one the reverse', () => {
    const norwegianSite = { ...site, jurisdiction: 'NO' as const };
    const ids = entries(glossaryPage(request('/ordliste?lang=nb'), norwegianSite, 'nb')).map(([id]) => id);
    expect(ids).toContain('kontonummer');
    expect(ids).not.toContain('nemkonto');
    expect(glossaryPage(request('/ordliste?lang=en'), norwegianSite, 'en')).toContain('<dt id="kontonummer">account number (<span lang="nb">kontonummer</span>)</dt>');
    expect(glossaryTermsFor('DK')).toContain('nemkonto');
    expect(glossaryTermsFor('DK')).not.toContain('kontonummer');
  });
});

describe('the application form', () => {
  it('links the declarations to their terms, the child certificate only when children take part', () => {
    const round = { name: 'Pulje', slug: 'pulje', excludedCostCategories: [], targetGroups: [] } as unknown as FundingRound;
    const render = (childrenUnder15: string) =>
      stepPage(request('/kladde/d/trin/erklaeringer'), site, 'da', {
        draftId: 'd', round, step: 'declarations', answers: { project: { childrenUnder15 } } as DraftAnswers, errors: {},
        outline: { steps: [] }, csrf: 'c', shownStamp: 's',
      });
    const withChildren = render('true');
    expect(withChildren).toContain('<a href="/ordliste#paa-tro-og-love">Hvad betyder ”på tro og love”?</a>');
    expect(withChildren).toContain('<a href="/ordliste#boerneattest">Hvad betyder ”børneattest”?</a>');
    expect(render('false')).not.toContain('/ordliste#boerneattest');
  });

  it('asks a Norwegian deployment for the organisasjonsnummer, with its rule and its term, in every language', () => {
    const round = { name: 'Pulje', slug: 'pulje', excludedCostCategories: [], targetGroups: [] } as unknown as FundingRound;
    const render = (jurisdiction: 'DK' | 'NO', language: 'da' | 'nb' | 'en') =>
      stepPage(request('/kladde/d/trin/forening'), { ...site, jurisdiction }, language, {
        draftId: 'd', round, step: 'organization', answers: {} as DraftAnswers, errors: { 'organization.cvr': 'x' },
        outline: { steps: [] }, csrf: 'c', shownStamp: 's',
      });
    const norwegian = render('NO', 'nb');
    expect(norwegian).toContain('Organisasjonsnummer');
    expect(norwegian).toContain('9 sifre. Kjenner Enhetsregisteret nummeret');
    expect(norwegian).toContain('data-number-rule="NO"');
    expect(norwegian).toContain('/ordliste#organisasjonsnummer');
    expect(norwegian).not.toMatch(/CVR/);
    expect(render('NO', 'en')).toContain('Organisation number');
    expect(render('NO', 'da')).not.toMatch(/CVR/);
    const danish = render('DK', 'da');
    expect(danish).toContain('CVR-nummer');
    expect(danish).toContain('data-number-rule="DK"');
    expect(danish).toContain('/ordliste#cvr-nummer');
  });
});
