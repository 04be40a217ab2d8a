import type { Request } from 'express';
import { lawWording, t, type Language, type MessageKey } from '../../../../locale';
import { TARGET_GROUPS } from '../../../../domain/categories';
import { typedFromCalendarDate } from '../../../../domain/typed-date';
import { FORM_STEPS, type DraftAnswers, type FormStep } from '../../../../domain/draft-steps';
import type { FundingRound } from '../../../../prisma/generated/client';
import { CSRF_FIELD } from '../../http/csrf';
import { checkboxField, choiceGroup, hiddenField, textArea, textField, type FieldErrors } from '../forms';
import { attributes, html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { renderPageWithErrors } from '../page-with-errors';
import { stepPath } from './draft-paths';
import { formProgress, valueAt, type FormOutline } from './page-parts';
import { budgetFields, budgetScriptData } from './budget-step';
import { termLink } from '../glossary';
import { preparedNotice, type PreparedView } from './prepared-notice';
import { PRIVACY_PATH } from '../notices/paths';
import { jurisdictionRules, type Jurisdiction, type JurisdictionRules } from '../../../../domain/jurisdiction';


export interface StepPageState {
  draftId: string;
  round: FundingRound;
  step: FormStep;
  answers: DraftAnswers;
  errors: FieldErrors;
  outline: FormOutline;
  csrf: string;
  shownStamp: string;
  /** Rows the budget step shows (at least the stored ones plus a few empty). */
  budgetRows?: number;
  /** The budget line (counted from 1) just removed with its own button. */
  removedLine?: number;
  /** A draft a volunteer centre prepared for the association. */
  prepared?: PreparedView;
  /** A step a member's new draft was filled in on, from the profile and the last application. */
  prefilled?: boolean;
}

/** Organisation number check and register lookup as the field is left, and the excluded-category warning. */
export const APPLY_SCRIPT = '/assets/apply/apply.js';

// apply.js puts the association's name from the register where this stands in the message.
const BROWSER_FILLS_IN_NAME = '{name}';

function yesNoOptions(language: Language, yes = t(language, 'apply.answer.yes'), no = t(language, 'apply.answer.no')) {
  return [
    { value: 'true', label: yes },
    { value: 'false', label: no },
  ];
}

/**
 * Who applies, where the round takes self-organised groups (or the draft says a group applies, so
 * the round's refusal has a field to stand at): the choice, the group's name and size, then the
 * sponsoring association's details in the organisation fields below.
 */
function applicantFields(state: StepPageState, language: Language): SafeHtml {
  const { answers, errors, round } = state;
  const kind = valueAt(answers, 'applicant.kind') || 'association';
  if (round.informalGroups !== 'sponsor' && kind !== 'informalGroup') return html``;
  const field = (name: string) => ({ name, language, value: valueAt(answers, name), error: errors[name] });
  return html`${choiceGroup({
    ...field('applicant.kind'),
    value: kind,
    label: t(language, 'apply.informalGroup.kind'),
    hint: t(language, 'apply.informalGroup.kindHint'),
    options: [
      { value: 'association', label: t(language, 'apply.informalGroup.kindAssociation') },
      { value: 'informalGroup', label: t(language, 'apply.informalGroup.kindGroup') },
    ],
  })}
    ${textField({ ...field('applicant.groupName'), label: t(language, 'apply.informalGroup.groupName'), hint: t(language, 'apply.informalGroup.groupNameHint'), optional: true, maxLength: 200, width: 'xl', autocomplete: 'off' })}
    ${textField({ ...field('applicant.members'), label: t(language, 'apply.informalGroup.members'), hint: t(language, 'apply.informalGroup.membersHint'), optional: true, inputMode: 'numeric', maxLength: 5, width: 'xs', autocomplete: 'off' })}
    <h2>${t(language, 'apply.informalGroup.sponsorHeading')}</h2>
    <p>${t(language, 'apply.informalGroup.sponsorIntro')}</p>`;
}

function organizationFields(state: StepPageState, language: Language, { jurisdiction, texts, payout }: JurisdictionRules): SafeHtml {
  const { answers, errors } = state;
  const field = (name: string) => ({ name, language, value: valueAt(answers, name), error: errors[name] });
  return html`${applicantFields(state, language)}${textField({
    ...field('organization.cvr'),
    label: t(language, texts.label),
    hint: t(language, texts.hint),
    width: 's',
    inputMode: 'numeric',
    maxLength: 12,
    autocomplete: 'off',
    attrs: {
      'data-cvr-lookup': '/api/v1/register/',
      // Which check apply.js makes as the field is left (the same rules as the server's).
      'data-number-rule': jurisdiction,
      'data-error-format': t(language, texts.formatError),
      'data-error-check': t(language, texts.checkDigitError),
      'data-found': t(language, texts.found, { name: BROWSER_FILLS_IN_NAME }),
    },
  })}
    <p class="form-hint gf-cvr-status" id="cvr-status" aria-live="polite"></p>
    ${termLink(language, texts.glossaryTerm, jurisdiction)}
    ${textField({ ...field('organization.name'), label: t(language, 'apply.form.orgName'), maxLength: 200, autocomplete: 'organization', width: 'xl' })}
    ${textField({ ...field('organization.address'), label: t(language, 'apply.form.address'), maxLength: 300, optional: true, autocomplete: 'street-address', width: 'xl' })}
    ${textField({ ...field('organization.email'), label: t(language, 'apply.form.orgEmail'), hint: t(language, 'apply.form.orgEmailHint'), type: 'email', maxLength: 254, autocomplete: 'email', width: 'l' })}
    ${textField({ ...field('organization.phone'), label: t(language, 'apply.form.phone'), hint: t(language, 'apply.form.phoneHint'), type: 'tel', maxLength: 20, optional: true, autocomplete: 'tel', width: 'm' })}
    ${payout.collectsAccount ? bankAccountField(field('organization.bankAccount'), language) : ''}`;
}

/** Where there is no NemKonto (NO), the account the grant is paid to, with what the term means. */
function bankAccountField(field: { name: string; language: Language; value: string; error?: string }, language: Language): SafeHtml {
  return html`${textField({ ...field, label: t(language, 'apply.form.bankAccount'), hint: t(language, 'apply.form.bankAccountHint'), inputMode: 'numeric', maxLength: 20, autocomplete: 'off', width: 'm' })}
    ${termLink(language, 'kontonummer', 'NO')}`;
}

function contactFields(state: StepPageState, language: Language): SafeHtml {
  const { answers, errors } = state;
  const field = (name: string) => ({ name, language, value: valueAt(answers, name), error: errors[name] });
  const group = valueAt(answers, 'applicant.kind') === 'informalGroup';
  return html`${group ? html`<p>${t(language, 'apply.informalGroup.contactIntro')}</p>` : ''}${textField({ ...field('contact.name'), label: t(language, 'apply.form.contactName'), maxLength: 200, autocomplete: 'name', width: 'l' })}
    ${textField({ ...field('contact.email'), label: t(language, 'apply.form.contactEmail'), hint: t(language, 'apply.form.contactEmailHint'), type: 'email', maxLength: 254, autocomplete: 'email', width: 'l' })}
    ${textField({ ...field('contact.phone'), label: t(language, 'apply.form.phone'), hint: t(language, 'apply.form.phoneHint'), type: 'tel', maxLength: 20, optional: true, autocomplete: 'tel', width: 'm' })}
    <p><a href="${PRIVACY_PATH}" target="_blank" rel="noopener">${t(language, 'pages.privacy.formLink')}</a></p>`;
}

function projectFields(state: StepPageState, language: Language, { jurisdiction }: JurisdictionRules): SafeHtml {
  const { answers, errors, round } = state;
  const field = (name: string) => ({ name, language, value: valueAt(answers, name), error: errors[name] });
  const priorities = new Set(round.targetGroups);
  // DKFDS: a date as one text field with its pattern as the hint; the answers hold the calendar date.
  const dateField = (name: string) => ({ ...field(name), value: typedFromCalendarDate(valueAt(answers, name)), hint: t(language, 'apply.form.dateHint'), maxLength: 10, width: 's' as const, autocomplete: 'off' });
  return html`${textField({ ...field('project.title'), label: t(language, 'apply.form.title'), maxLength: 120, width: 'xl' })}
    ${textArea({ ...field('project.purpose'), label: t(language, 'apply.form.purpose'), hint: t(language, 'apply.form.purposeHint'), maxLength: 4000, rows: 10, width: 'xl' })}
    ${choiceGroup({
      ...field('project.targetGroup'),
      label: t(language, 'apply.form.targetGroup'),
      hint: t(language, 'apply.form.targetGroupHint'),
      options: TARGET_GROUPS.map((group) => ({
        value: group,
        label: priorities.has(group) ? `${t(language, `common.targetGroup.${group}`)} ${t(language, 'apply.form.priority')}` : t(language, `common.targetGroup.${group}`),
      })),
    })}
    ${termLink(language, 'maalgruppe', jurisdiction)}
    ${textArea({ ...field('project.activities'), label: t(language, 'apply.form.activities'), hint: t(language, 'apply.form.activitiesHint'), maxLength: 4000, rows: 10, width: 'xl' })}
    ${textField({ ...dateField('project.startDate'), label: t(language, 'apply.form.startDate') })}
    ${textField({ ...dateField('project.endDate'), label: t(language, 'apply.form.endDate') })}
    ${textField({ ...field('project.place'), label: t(language, 'apply.form.place'), maxLength: 200, optional: true, width: 'l' })}
    ${textField({ ...field('project.volunteers'), label: t(language, 'apply.form.volunteers'), hint: t(language, 'apply.form.numberHint'), inputMode: 'numeric', width: 'xs', maxLength: 6 })}
    ${textField({ ...field('project.expectedParticipants'), label: t(language, 'apply.form.participants'), hint: t(language, 'apply.form.numberHint'), inputMode: 'numeric', width: 'xs', maxLength: 7 })}
    ${choiceGroup({ ...field('project.isNew'), label: t(language, 'apply.form.isNew'), options: yesNoOptions(language, t(language, 'apply.form.isNewYes'), t(language, 'apply.form.isNewNo')) })}
    ${choiceGroup({ ...field('project.childrenUnder15'), label: t(language, lawWording('apply.form.childrenUnder15', jurisdiction)), hint: t(language, lawWording('apply.form.childrenUnder15Hint', jurisdiction)), options: yesNoOptions(language) })}`;
}

function declarationFields(state: StepPageState, language: Language, { jurisdiction }: JurisdictionRules): SafeHtml {
  const { answers, errors } = state;
  const checked = (name: string) => valueAt(answers, name) === 'true';
  const children = valueAt(answers, 'project.childrenUnder15') === 'true';
  return html`${checkboxField({ name: 'declarations.truthful', label: t(language, 'apply.form.truthful'), hint: t(language, 'apply.form.truthfulHint'), language, checked: checked('declarations.truthful'), error: errors['declarations.truthful'] })}
    ${termLink(language, 'paa-tro-og-love', jurisdiction)}
    ${children
      ? html`${checkboxField({ name: 'declarations.childCertificates', label: t(language, lawWording('apply.form.childCertificates', jurisdiction)), language, checked: checked('declarations.childCertificates'), error: errors['declarations.childCertificates'] })}
        ${termLink(language, 'boerneattest', jurisdiction)}`
      : ''}
    ${checkboxField({ name: 'declarations.contactLater', label: t(language, 'common.consent.contactLater'), hint: t(language, 'apply.form.contactLaterHint'), language, checked: checked('declarations.contactLater'), error: errors['declarations.contactLater'] })}`;
}

const FIELDS: Record<FormStep, (state: StepPageState, language: Language, rules: JurisdictionRules) => SafeHtml> = {
  organization: organizationFields,
  contact: contactFields,
  project: projectFields,
  budget: budgetFields,
  declarations: declarationFields,
};

/**
 * Where the error summary's link for an issue goes: the field itself, or for an issue on a group
 * (a missing budget, a budget line) its first field.
 */
export function fieldNameFor(path: string): string {
  const firstField: Record<string, string> = {
    organization: 'organization.cvr',
    applicant: 'applicant.kind',
    contact: 'contact.name',
    project: 'project.title',
    budget: 'budget.lines.0.category',
    'budget.lines': 'budget.lines.0.category',
    'budget.cofinancing': 'budget.cofinancing.0.source',
    declarations: 'declarations.truthful',
  };
  if (firstField[path]) return firstField[path]!;
  const row = /^budget\.(lines|cofinancing)\.(\d+)$/.exec(path);
  if (row) return `budget.${row[1]}.${row[2]}.${row[1] === 'lines' ? 'category' : 'source'}`;
  return path;
}

const FIELD_LABELS: Record<string, MessageKey> = {
  'applicant.kind': 'apply.informalGroup.kind',
  'applicant.groupName': 'apply.informalGroup.groupName',
  'applicant.members': 'apply.informalGroup.members',
  'organization.name': 'apply.form.orgName',
  'organization.email': 'apply.form.orgEmail',
  'organization.phone': 'apply.form.phone',
  'organization.address': 'apply.form.address',
  'organization.bankAccount': 'apply.form.bankAccount',
  'contact.name': 'apply.form.contactName',
  'contact.email': 'apply.form.contactEmail',
  'contact.phone': 'apply.form.phone',
  'project.title': 'apply.form.title',
  'project.purpose': 'apply.form.purpose',
  'project.targetGroup': 'apply.form.targetGroup',
  'project.activities': 'apply.form.activities',
  'project.startDate': 'apply.form.startDate',
  'project.endDate': 'apply.form.endDate',
  'project.place': 'apply.form.place',
  'project.volunteers': 'apply.form.volunteers',
  'project.expectedParticipants': 'apply.form.participants',
  'project.isNew': 'apply.form.isNew',
  'project.childrenUnder15': 'apply.form.childrenUnder15',
  amountRequested: 'apply.form.amountRequested',
  'declarations.truthful': 'apply.form.truthful',
  'declarations.childCertificates': 'apply.form.childCertificates',
};

/** The form's labels that name the law (the politiattest questions), worded for the jurisdiction. */
const LAW_WORDED_LABELS = new Set<MessageKey>(['apply.form.childrenUnder15', 'apply.form.childCertificates']);

function isLawWorded(key: MessageKey): key is 'apply.form.childrenUnder15' | 'apply.form.childCertificates' {
  return LAW_WORDED_LABELS.has(key);
}

const ROW_PART_LABELS: Record<string, MessageKey> = { category: 'apply.form.category', description: 'apply.form.description', amount: 'apply.form.amount', source: 'apply.form.source', status: 'apply.form.status' };

/** The label of a field by its name, so the error summary says which field a message is about. */
export function fieldLabel(name: string, language: Language, jurisdiction?: Jurisdiction): string | undefined {
  const row = /^budget\.(lines|cofinancing)\.(\d+)\.(\w+)$/.exec(name);
  if (row) {
    const part = ROW_PART_LABELS[row[3]!];
    const group = t(language, row[1] === 'lines' ? 'apply.form.budgetLines' : 'apply.form.cofinancing');
    return part ? `${group}, ${t(language, 'apply.form.line', { n: Number(row[2]) + 1 }).toLowerCase()}, ${t(language, part).toLowerCase()}` : undefined;
  }
  const key = name === 'organization.cvr' ? jurisdictionRules(jurisdiction).texts.label : FIELD_LABELS[name];
  return key ? t(language, isLawWorded(key) ? lawWording(key, jurisdiction) : key) : undefined;
}

/** The error summary's entries: the field's label, then the message shown above the field. */
export function labelledErrors(errors: FieldErrors, language: Language, jurisdiction?: Jurisdiction): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([name, message]) => {
      const label = fieldLabel(name, language, jurisdiction);
      return [name, label ? `${label}: ${message}` : message];
    }),
  );
}

export function stepPage(req: Request, site: SiteSettings, language: Language, state: StepPageState): string {
  const index = FORM_STEPS.indexOf(state.step);
  const title = t(language, `common.formStep.${state.step}`);
  const action = stepPath(state.draftId, state.step);
  return renderPageWithErrors(req, site, {
    title,
    language,
    errors: labelledErrors(state.errors, language, site.jurisdiction),
    scripts: [APPLY_SCRIPT],
    main: html`${formProgress(state.outline, state.step, state.round, language)}
      <h1>${title}</h1>
      ${preparedNotice(state.prepared, language)}
      ${state.prefilled ? html`<div class="alert alert-info" role="note"><div class="alert-body"><p class="alert-text">${t(language, 'profile.prefilled.notice')}</p></div></div>` : ''}
      <p class="form-hint">${t(language, 'apply.form.savedNotice')}</p>
      <form method="post" action="${action}" novalidate class="gf-apply-form" data-excluded="${state.round.excludedCostCategories.join(' ')}"${attributes(state.step === 'budget' ? budgetScriptData(language) : {})}>
        ${hiddenField(CSRF_FIELD, state.csrf)}
        ${hiddenField('_shown', state.shownStamp)}
        ${
          // Enter in a field presses the first submit button: make that "next", not "more lines".
          html`<button type="submit" name="action" value="next" class="gf-default-action" tabindex="-1" aria-hidden="true">${t(language, 'apply.form.next')}</button>`
        }
        ${FIELDS[state.step](state, language, jurisdictionRules(site.jurisdiction))}
        <div class="gf-form-actions">
          <button type="submit" name="action" value="next" class="button button-primary">${t(language, 'apply.form.next')}</button>
          <button type="submit" name="action" value="later" class="button button-secondary">${t(language, 'apply.form.saveLater')}</button>
          ${index > 0 ? html`<button type="submit" name="action" value="back" class="button button-tertiary">${t(language, 'apply.form.back')}</button>` : ''}
        </div>
      </form>`,
  });
}
