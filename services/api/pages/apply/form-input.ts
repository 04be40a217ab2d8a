import type { DraftAnswers, FormStep } from '../../../../domain/draft-steps';
import { calendarDateFromTyped } from '../../../../domain/typed-date';

// A posted form is flat text ("organization.cvr" → "1374 8136"); the submission schema wants
// numbers, booleans and nested objects. These turn what was typed into that shape without
// judging it: anything that cannot be read as the type stays as typed, for the schema to name.

type Body = Record<string, unknown>;

function text(body: Body, name: string): string | undefined {
  const value = body[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Whole numbers as people type them: "12000", "12 000" and "12.000" are all twelve thousand. */
function wholeNumber(body: Body, name: string): number | string | undefined {
  const typed = text(body, name);
  if (typed === undefined) return undefined;
  const compact = typed.replace(/\s+/g, '').replace(/\s*kr\.?$/i, '');
  if (/^\d+$/.test(compact)) return Number(compact);
  if (/^\d{1,3}(\.\d{3})+$/.test(compact)) return Number(compact.replace(/\./g, ''));
  return typed;
}

/** A date typed as day.month.year becomes the calendar date the schema wants ("2027-03-01"). */
function typedDate(body: Body, name: string): string | undefined {
  const typed = text(body, name);
  return typed === undefined ? undefined : (calendarDateFromTyped(typed) ?? typed);
}

function yesNo(body: Body, name: string): boolean | undefined {
  const typed = text(body, name);
  return typed === 'true' ? true : typed === 'false' ? false : undefined;
}

function checkbox(body: Body, name: string): boolean {
  return text(body, name) === 'true';
}

/** The row numbers present for a repeated group ("budget.lines.3.amount" → 3). */
function rowIndexes(body: Body, prefix: string): number[] {
  const indexes = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d{1,2})\\.`).exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}

function rows<T extends Record<string, unknown>>(body: Body, prefix: string, read: (name: (field: string) => string) => T): T[] {
  return rowIndexes(body, prefix)
    .map((index) => read((field) => `${prefix}.${index}.${field}`))
    .filter((row) => Object.values(row).some((value) => value !== undefined));
}

/** The name of each budget line's "remove" button; its value is the line's row number. */
export const REMOVE_LINE_FIELD = 'remove-line';

/** The posted form without one budget line's fields (the line's own "remove" button was pressed). */
export function withoutBudgetLine(body: Body, index: number): Body {
  const prefix = `budget.lines.${index}.`;
  return Object.fromEntries(Object.entries(body).filter(([key]) => !key.startsWith(prefix)));
}

/** The budget line a "remove" button names, if the form was posted with one. */
export function budgetLineToRemove(body: Body): number | undefined {
  const value = text(body, REMOVE_LINE_FIELD);
  return value !== undefined && /^\d{1,2}$/.test(value) ? Number(value) : undefined;
}

/** One step's answers from its posted form. */
export function answersFromForm(step: FormStep, body: Body): DraftAnswers {
  switch (step) {
    case 'organization':
      return {
        // A round without groups has no such field: the association applies itself.
        applicant:
          text(body, 'applicant.kind') === 'informalGroup'
            ? { kind: 'informalGroup', groupName: text(body, 'applicant.groupName'), members: wholeNumber(body, 'applicant.members') }
            : { kind: 'association' },
        organization: {
          cvr: text(body, 'organization.cvr'),
          name: text(body, 'organization.name'),
          email: text(body, 'organization.email'),
          phone: text(body, 'organization.phone'),
          address: text(body, 'organization.address'),
          // Only a Norwegian form has the field; elsewhere it stays out of the answers.
          ...(text(body, 'organization.bankAccount') !== undefined ? { bankAccount: text(body, 'organization.bankAccount') } : {}),
        },
      };
    case 'contact':
      return { contact: { name: text(body, 'contact.name'), email: text(body, 'contact.email'), phone: text(body, 'contact.phone') } };
    case 'project':
      return {
        project: {
          title: text(body, 'project.title'),
          purpose: text(body, 'project.purpose'),
          targetGroup: text(body, 'project.targetGroup'),
          activities: text(body, 'project.activities'),
          startDate: typedDate(body, 'project.startDate'),
          endDate: typedDate(body, 'project.endDate'),
          place: text(body, 'project.place'),
          volunteers: wholeNumber(body, 'project.volunteers'),
          expectedParticipants: wholeNumber(body, 'project.expectedParticipants'),
          isNew: yesNo(body, 'project.isNew'),
          childrenUnder15: yesNo(body, 'project.childrenUnder15'),
        },
      };
    case 'budget':
      return {
        budget: {
          lines: rows(body, 'budget.lines', (name) => ({ category: text(body, name('category')), description: text(body, name('description')), amount: wholeNumber(body, name('amount')) })),
          cofinancing: rows(body, 'budget.cofinancing', (name) => ({ source: text(body, name('source')), amount: wholeNumber(body, name('amount')), status: text(body, name('status')) })).filter(
            // The status select always has a value; a row with nothing else typed is an empty row.
            (row) => row.source !== undefined || row.amount !== undefined,
          ),
        },
        amountRequested: wholeNumber(body, 'amountRequested'),
      };
    case 'declarations':
      return { declarations: { truthful: checkbox(body, 'declarations.truthful'), childCertificates: checkbox(body, 'declarations.childCertificates'), contactLater: checkbox(body, 'declarations.contactLater') } };
  }
}
