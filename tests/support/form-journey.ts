import type { Page } from 'playwright-core';
import { isoDay } from './fixtures';

// The application form driven as a person fills it in, counting what they type: the browser test
// compares the counts of a first-time and a returning association, the form-time benchmark adds
// the seconds. Every field is typed key by key (a fixed delay per character, none in tests).

export interface TypingCount {
  fields: number;
  characters: number;
}

export class Typist {
  readonly count: TypingCount = { fields: 0, characters: 0 };
  constructor(
    private readonly page: Page,
    private readonly delayMs = 0,
  ) {}

  /** Types into an empty field; a field that already holds the text is left alone (nothing typed). */
  async type(selector: string, text: string): Promise<void> {
    const field = this.page.locator(selector);
    if ((await field.inputValue()) === text) return;
    await field.fill('');
    await field.pressSequentially(text, { delay: this.delayMs });
    this.count.fields += 1;
    this.count.characters += text.length;
  }

  /** A radio button or checkbox: a field answered, no characters. */
  async check(selector: string): Promise<void> {
    const field = this.page.locator(selector);
    if (await field.isChecked()) return;
    await field.check();
    this.count.fields += 1;
  }

  async select(selector: string, value: string): Promise<void> {
    const field = this.page.locator(selector);
    if ((await field.inputValue()) === value) return;
    await field.selectOption(value);
    this.count.fields += 1;
  }
}

export async function click(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).click()]);
}

export const nextStep = (page: Page) => click(page, '.gf-form-actions button[value="next"]');

/** The round's pre-check, answered as an association with a CVR number; the draft's id. */
export async function answerPrecheck(page: Page, typist: Typist): Promise<string> {
  for (const question of ['applicant', 'social', 'finished', 'children']) await typist.check(`#f-precheck-${question}-0`);
  await click(page, 'main button[type="submit"]');
  return /\/kladde\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
}

export interface Association {
  cvr: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

/** The organisation and contact steps, every field typed (a field already holding its text is skipped). */
export async function fillAssociation(page: Page, typist: Typist, association: Association): Promise<void> {
  await typist.type('#f-organization-cvr', association.cvr);
  await typist.type('#f-organization-name', association.name);
  await typist.type('#f-organization-address', association.address);
  await typist.type('#f-organization-email', association.email);
  await typist.type('#f-organization-phone', association.phone);
  await nextStep(page);
  await typist.type('#f-contact-name', association.contactName);
  await typist.type('#f-contact-email', association.contactEmail);
  await typist.type('#f-contact-phone', association.contactPhone);
  await nextStep(page);
}

/** The project, the budget and the declarations: what a new application always asks anew. */
export async function fillProject(page: Page, typist: Typist, title: string): Promise<void> {
  const typedDay = (days: number) => isoDay(days).split('-').reverse().join('.');
  await typist.type('#f-project-title', title);
  await typist.type('#f-project-purpose', 'Et ugentligt måltid, der bryder ensomheden.');
  await typist.check('#f-project-targetGroup-0');
  await typist.type('#f-project-activities', 'Vi laver mad sammen hver torsdag og spiser i foreningens lokale.');
  await typist.type('#f-project-startDate', typedDay(30));
  await typist.type('#f-project-endDate', typedDay(120));
  await typist.type('#f-project-volunteers', '8');
  await typist.type('#f-project-expectedParticipants', '40');
  await typist.check('#f-project-isNew-0');
  await nextStep(page);
  await typist.select('#f-budget-lines-0-category', 'food');
  await typist.type('#f-budget-lines-0-description', 'Råvarer til fællesspisninger');
  await typist.type('#f-budget-lines-0-amount', '4000');
  await typist.type('#f-amountRequested', '4000');
  await nextStep(page);
  await typist.check('#f-declarations-truthful');
  await nextStep(page);
}

/** Sends the draft from its summary; the page it lands on. */
export async function sendFromSummary(page: Page): Promise<void> {
  await click(page, 'main form[action$="/send"] button[type="submit"]');
}
