import { budgetCategoryLabel, documentKindName, lawWording, localeFor, type Locale } from '../../locale';
import { jurisdictionRules, type Jurisdiction } from '../../domain/jurisdiction';
import { TARGET_GROUPS, type TargetGroup } from '../../domain/categories';
import type { ApplicationInput } from '../../domain/application-input';
import { openPdf } from '../pdf/document';
import type { PdfCanvas } from '../pdf/canvas';
import type { ApplicationCopyData } from './application-copy-data';

// The association's copy of what it sent: the form's own sections and questions, in the form's
// order, with every answer as it was stored. Every word comes from the catalogues (the form's
// labels, so the copy reads like the form), every amount and date from the locale's formatters,
// the look from documents/pdf.

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** How the copy writes an answer: yes/no, numbers and dates in the language; an empty one says so. */
function answersIn(locale: Locale) {
  const { t } = locale;
  const shown = (value: unknown): string => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return t('apply.summary.notGiven');
    if (value === true) return t('apply.answer.yes');
    if (value === false) return t('apply.answer.no');
    if (typeof value === 'number') return locale.number(value);
    return String(value).trim();
  };
  return {
    shown,
    day: (value: unknown) => (typeof value === 'string' && CALENDAR_DATE.test(value) ? locale.date(value) : shown(value)),
    kroner: (value: unknown) => (typeof value === 'number' ? locale.kroner(value) : shown(value)),
  };
}

type Answers = ReturnType<typeof answersIn>;

function drawOrganisation(canvas: PdfCanvas, { organization, contact }: ApplicationInput, { t }: Locale, a: Answers, law: Jurisdiction | undefined): void {
  canvas.heading(t('common.formStep.organization'));
  canvas.answers([
    [t(jurisdictionRules(law).texts.label), a.shown(organization.cvr)],
    [t('apply.form.orgName'), a.shown(organization.name)],
    [t('apply.form.address'), a.shown(organization.address)],
    [t('apply.form.orgEmail'), a.shown(organization.email)],
    [t('apply.form.phone'), a.shown(organization.phone)],
  ]);
  canvas.heading(t('common.formStep.contact'));
  canvas.answers([
    [t('apply.form.contactName'), a.shown(contact.name)],
    [t('apply.form.contactEmail'), a.shown(contact.email)],
    [t('apply.form.phone'), a.shown(contact.phone)],
  ]);
}

function drawProject(canvas: PdfCanvas, { project }: ApplicationInput, { t }: Locale, a: Answers, law: Jurisdiction | undefined): void {
  const group = (TARGET_GROUPS as readonly unknown[]).includes(project.targetGroup) ? t(`common.targetGroup.${project.targetGroup as TargetGroup}`) : a.shown(project.targetGroup);
  canvas.heading(t('common.formStep.project'));
  canvas.answers([
    [t('apply.form.title'), a.shown(project.title)],
    [t('apply.form.purpose'), a.shown(project.purpose)],
    [t('apply.form.targetGroup'), group],
    [t('apply.form.activities'), a.shown(project.activities)],
    [t('apply.form.startDate'), a.day(project.startDate)],
    [t('apply.form.endDate'), a.day(project.endDate)],
    [t('apply.form.place'), a.shown(project.place)],
    [t('apply.form.volunteers'), a.shown(project.volunteers)],
    [t('apply.form.participants'), a.shown(project.expectedParticipants)],
    [t('apply.form.isNew'), a.shown(project.isNew)],
    [t(lawWording('apply.form.childrenUnder15', law)), a.shown(project.childrenUnder15)],
  ]);
}

/** The budget as a table of figures: each line, the total, other funding, and the amount applied for. */
function drawBudget(canvas: PdfCanvas, { budget, amountRequested }: ApplicationInput, locale: Locale, a: Answers): void {
  const { t } = locale;
  const lines = budget.lines.map((line): [string, string] => [`${budgetCategoryLabel(locale.language, line.category)}: ${a.shown(line.description)}`, a.kroner(line.amount)]);
  const total = budget.lines.reduce((sum, line) => sum + (typeof line.amount === 'number' ? line.amount : 0), 0);
  const costs: Array<[string, string]> = [...lines, [t('apply.summary.total'), locale.kroner(total)]];
  const costsHeading = t('apply.form.budgetLines');
  canvas.heading(t('common.formStep.budget'), false, canvas.subheadingHeight(costsHeading) + canvas.figuresHeight(costs));
  canvas.subheading(costsHeading, canvas.figuresHeight(costs));
  canvas.figures(costs);
  const cofinancing = budget.cofinancing ?? [];
  if (cofinancing.length > 0) {
    const rows = cofinancing.map((row): [string, string] => [
      `${a.shown(row.source)} (${t(`apply.form.cofinancingStatus.${row.status === 'granted' ? 'granted' : 'applied'}`)})`,
      a.kroner(row.amount),
    ]);
    canvas.subheading(t('apply.form.cofinancing'), canvas.figuresHeight(rows));
    canvas.figures(rows);
  }
  canvas.gap(8);
  canvas.figures([[t('apply.form.amountRequested'), a.kroner(amountRequested)]]);
}

function drawDeclarations(canvas: PdfCanvas, { declarations, project }: ApplicationInput, { t }: Locale, a: Answers, law: Jurisdiction | undefined): void {
  const rows: Array<[string, string]> = [
    [t('apply.form.truthful'), a.shown(declarations.truthful)],
    // Asked only of an activity where volunteers meet children under 15, as the form asks it.
    ...(project.childrenUnder15 ? [[t(lawWording('apply.form.childCertificates', law)), a.shown(declarations.childCertificates)] as [string, string]] : []),
    [t('common.consent.contactLater'), a.shown(declarations.contactLater ?? false)],
  ];
  canvas.heading(t('common.formStep.declarations'), false, canvas.figuresHeight(rows));
  canvas.figures(rows);
}

function drawDocuments(canvas: PdfCanvas, documents: ApplicationCopyData['documents'], locale: Locale): void {
  const { t } = locale;
  canvas.heading(t('apply.documents.uploadedDocuments'));
  if (documents.length === 0) canvas.paragraph(t('apply.copy.noDocuments'));
  else canvas.list(documents.map((document) => `${documentKindName(locale.language, document.kind)}: ${document.filename}`), () => '•');
}

/** The file name the copy is downloaded as, in its language: "ansoegning-GF-2026-00042.pdf". */
export function applicationCopyFilename(data: Pick<ApplicationCopyData, 'language' | 'reference'>): string {
  return localeFor(data.language).t('apply.copy.filename', { reference: data.reference });
}

/**
 * The submitted application as PDF bytes: tagged PDF/A like the letters, in the application's
 * language, with the submission time in the municipality's time zone. Pure: the same data gives
 * the same bytes (the creation date is the submission's).
 */
export async function renderApplicationCopy(data: ApplicationCopyData): Promise<Buffer> {
  const locale = localeFor(data.language);
  const { t } = locale;
  const a = answersIn(locale);
  const { submission } = data;
  const pdf = openPdf(data.language, {
    title: t('apply.copy.pdfTitle', { reference: data.reference }),
    author: data.municipalityName,
    subject: t('apply.form.applicationTo', { round: data.roundName }),
    keywords: `${data.reference}, ${submission.organization.cvr}`,
    createdAt: data.submittedAt,
  });
  const { canvas } = pdf;
  canvas.title(t('apply.copy.kicker'), t('apply.form.applicationTo', { round: data.roundName }));
  canvas.paragraph(t('apply.copy.intro', { organisation: a.shown(submission.organization.name) }));
  canvas.factsPanel([
    [t('case.overview.reference'), data.reference],
    [t('case.overview.submittedAt'), locale.dateTime(data.submittedAt, 'long')],
    [t('case.overview.association'), a.shown(submission.organization.name)],
    [t('apply.form.title'), a.shown(submission.project.title)],
    [t('case.overview.amountRequested'), a.kroner(submission.amountRequested)],
  ]);
  drawOrganisation(canvas, submission, locale, a, data.law);
  drawProject(canvas, submission, locale, a, data.law);
  drawBudget(canvas, submission, locale, a);
  drawDeclarations(canvas, submission, locale, a, data.law);
  drawDocuments(canvas, data.documents, locale);
  return pdf.finish({
    text: `${data.municipalityName} · ${t('case.overview.reference')} ${data.reference}`,
    page: (current, total) => t('letter.page', { current, total }),
  });
}
