import { localeFor } from '../../locale';
import { openPdf } from '../pdf/document';
import type { AfvisningLetterData } from './letter-data';
import { drawGlossaryLine, drawHead, drawLegalFrame, drawRights, drawSignature } from './sections';

/**
 * The letter refusing an application that arrived after the round's deadline (an afvisning): it
 * states the deadline and when the application was received, both on the municipality's clock,
 * and that the application therefore was not assessed on its merits. Pure, like the decision letter.
 */
export async function renderAfvisningLetter(data: AfvisningLetterData): Promise<Buffer> {
  const locale = localeFor(data.language);
  const { t, dateTime, date } = locale;
  const deadline = locale.deadline(data.deadline, 'long');
  const receivedAt = dateTime(data.receivedAt, 'long');
  const pdf = openPdf(data.language, {
    title: t('letter.afvisning.title', { reference: data.reference }),
    author: data.municipality.name,
    subject: t('letter.afvisning.subject', { roundName: data.roundName }),
    keywords: `${data.reference}, ${data.recipient.cvr}`,
    createdAt: data.date,
  });
  const { canvas } = pdf;
  drawHead(canvas, data, locale);
  canvas.title(t('letter.afvisning.kicker'), t('letter.afvisning.heading'));
  canvas.paragraph(t('letter.greeting', { name: data.recipient.contactName }));
  canvas.paragraph(t('letter.afvisning.intro', { roundName: data.roundName, projectTitle: data.project.title }));
  canvas.factsPanel([
    [t('letter.afvisning.label.deadline'), deadline],
    [t('letter.afvisning.label.received'), receivedAt],
    [t('letter.label.activity'), data.project.title],
    [t('letter.label.period'), t('letter.period', { start: date(data.project.startDate), end: date(data.project.endDate) })],
  ]);
  canvas.heading(t('letter.afvisning.reasons.heading'));
  canvas.paragraph(t('letter.afvisning.reasons.body', { deadline, receivedAt, guidelines: data.frame.guidelines.name }));
  canvas.paragraph(t('letter.afvisning.notAssessed'));
  canvas.paragraph(t('letter.afvisning.applyAgain'));
  drawLegalFrame(canvas, data, locale);
  drawRights(canvas, data, locale, { disagree: true });
  drawGlossaryLine(canvas, data, locale, ['afvisning', 'begrundelse', 'klagevejledning', 'aktindsigt']);
  drawSignature(canvas, data, locale);
  return pdf.finish({
    text: `${data.municipality.name} · ${t('letter.label.reference')} ${data.reference}`,
    page: (current, total) => t('letter.page', { current, total }),
  });
}
