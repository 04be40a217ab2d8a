import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LANGUAGES } from '../../lib/languages';
import { flatCatalogue } from '../../locale/catalogue';
import { unusedKeys } from '../../locale/usage';

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) {
      into.add(`<${element.value}>`);
      argumentsOf(element.children, into);
    }
  }
  return into;
}

const danish = flatCatalogue('da');
const danishKeys = Object.keys(danish).sort();

describe('the language catalogues', () => {
  it.each(LANGUAGES)('%s has exactly the keys of the Danish catalogue', (language) => {
    const keys = Object.keys(flatCatalogue(language)).sort();
    expect({ missing: danishKeys.filter((key) => !keys.includes(key)), extra: keys.filter((key) => !danishKeys.includes(key)) }).toEqual({ missing: [], extra: [] });
  });

  it.each(LANGUAGES)('every %s message is valid ICU and names the same placeholders as the Danish one', (language) => {
    const catalogue = flatCatalogue(language);
    const problems: string[] = [];
    for (const key of danishKeys) {
      const message = catalogue[key];
      if (message === undefined || message.trim() === '') {
        problems.push(`${key}: empty`);
        continue;
      }
      try {
        const expected = [...argumentsOf(parse(danish[key]!))].sort();
        const actual = [...argumentsOf(parse(message))].sort();
        if (expected.join() !== actual.join()) problems.push(`${key}: placeholders ${actual.join(', ')} ≠ ${expected.join(', ')}`);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no key that the code no longer uses', () => {
    expect(unusedKeys(danishKeys, path.resolve(__dirname, '../..'))).toEqual([]);
  });
});
