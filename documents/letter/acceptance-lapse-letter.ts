import { localeFor } from '../../locale';
import { openPdf } from '../pdf/document';
import type { LetterCommon } from './letter-data';
import { drawGlossaryLine, drawHead, drawLegalFrame, drawRights, drawSignature } from './sections';

// The grant lapsed: its decision made the payout depend on the association's signatory accepting
// the conditions by a deadline, and no acceptance came. Not a new decision: the letter says what
// the decision's condition meant, that nothing is paid and the case is closed, and whom to contact.

export interface AcceptanceLapseLetterData extends LetterCommon {
  amountGrantedOre: bigint;
  /** The date of the decision that granted the money. */
  decidedAt: Date;
  /** The deadline for the acceptance that passed. */
  acceptBy: Date;
  /** Who the acceptance link went to. */
  recipientName: string;
}

/** The letter as PDF bytes (tagged PDF/A, like every letter). */
export async function renderAcceptanceLapseLetter(data: AcceptanceLapseLetterData): Promise<Buffer> {
  const locale = localeFor(data.language);
  const { t, date, deadline, money } = locale;
  const granted = money(data.amountGrantedOre);
  const heading = t('letter.lapse.heading', { granted });
  const pdf = openPdf(data.language, {
    title: t('letter.lapse.title', { reference: data.reference }),
    author: data.municipality.name,
    subject: heading,
    keywords: `${data.reference}, ${data.recipient.cvr}`,
    createdAt: data.date,
  });
  const { canvas } = pdf;
  drawHead(canvas, data, locale);
  canvas.title(t('letter.lapse.kicker'), heading);
  canvas.paragraph(t('letter.greeting', { name: data.recipient.contactName }));
  canvas.paragraph(t('letter.lapse.intro', { decidedAt: date(data.decidedAt), granted, projectTitle: data.project.title }));
  canvas.factsPanel([
    [t('letter.lapse.label.granted'), granted],
    [t('letter.label.activity'), data.project.title],
    [t('letter.lapse.label.decidedAt'), date(data.decidedAt)],
    [t('letter.label.acceptBy'), deadline(data.acceptBy)],
  ]);
  canvas.heading(t('letter.lapse.what.heading'));
  canvas.paragraph(t('letter.lapse.what.body', { acceptBy: deadline(data.acceptBy), recipientName: data.recipientName }));
  canvas.paragraph(t('letter.lapse.consequence'));
  canvas.heading(t('letter.lapse.next.heading'));
  canvas.paragraph(t('letter.lapse.next.body'));

  drawLegalFrame(canvas, data, locale);
  // The lapse follows from the decision's own condition: no new decision to complain about; what
  // to do when the acceptance could not be made in time is said above.
  drawRights(canvas, data, locale, { disagree: false, complaint: 'none' });
  drawGlossaryLine(canvas, data, locale, ['tilsagn', 'aktindsigt']);
  drawSignature(canvas, data, locale);
  return pdf.finish({
    text: `${data.municipality.name} · ${t('letter.label.reference')} ${data.reference}`,
    page: (current, total) => t('letter.page', { current, total }),
  });
}
