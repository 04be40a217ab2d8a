import { localeFor } from '../../locale';
import type { DecisionReasons } from '../../domain/decision-rules';
import { answerReasonsProblems } from '../../domain/reconsideration';
import { openPdf } from '../pdf/document';
import { DecisionLetterError, type LetterCommon } from './letter-data';
import { drawHead, drawRights, drawSignature } from './sections';

// The letters of a reconsideration that do not change the decision: upheld (Denmark), a klage
// forwarded to the klagenemnd with the municipality's assessment, and the klagenemnd upholding
// the decision (Norway). A changed decision gets a decision letter of its own (render.ts).

export type ReconsiderationLetterKind = 'upheld' | 'forwarded' | 'board_upheld';

export interface ReconsiderationLetterData extends LetterCommon {
  kind: ReconsiderationLetterKind;
  requestedAt: Date;
  decisionDate: Date;
  /** Upheld: why (criteria already worded); forwarded: the municipality's assessment. */
  reasons: DecisionReasons;
  /** The klagenemnd's decision, for board_upheld. */
  board?: { decidedOn: Date; text: string };
}

/** The letter as PDF bytes; an upheld decision or a forwarded klage without a real begrundelse is refused. */
export async function renderReconsiderationLetter(data: ReconsiderationLetterData): Promise<Buffer> {
  const [problem] = data.kind === 'board_upheld' ? [] : answerReasonsProblems(data.reasons);
  if (problem) throw new DecisionLetterError(problem.messageKey === 'errors.decision.reasonsOnlyFunds' ? 'reasons_insufficient' : 'reasons_missing', problem.messageKey);
  if (data.kind === 'board_upheld' && !data.board?.text.trim()) throw new DecisionLetterError('reasons_missing', 'The klagenemnd’s decision needs its text.');

  const locale = localeFor(data.language);
  const { t, date } = locale;
  const pdf = openPdf(data.language, {
    title: t('letter.reconsideration.title', { reference: data.reference }),
    author: data.municipality.name,
    subject: t(`letter.reconsideration.heading.${data.kind}`),
    keywords: `${data.reference}, ${data.recipient.cvr}`,
    createdAt: data.date,
  });
  const { canvas } = pdf;
  drawHead(canvas, data, locale);
  canvas.title(t(`letter.reconsideration.kicker.${data.kind}`), t(`letter.reconsideration.heading.${data.kind}`));
  canvas.paragraph(t('letter.greeting', { name: data.recipient.contactName }));
  canvas.paragraph(
    t(`letter.reconsideration.intro.${data.kind}`, {
      requestedAt: date(data.requestedAt),
      decisionDate: date(data.decisionDate),
      boardDate: data.board ? date(data.board.decidedOn) : '',
      projectTitle: data.project.title,
      roundName: data.roundName,
    }),
  );

  canvas.heading(t(`letter.reconsideration.reasons.${data.kind}`));
  // The klagenemnd's decision speaks for itself; the municipality's criteria belong to its own letters.
  const criteria = data.kind === 'board_upheld' ? [] : data.reasons.criteria.map((c) => c.trim()).filter((c) => c.length > 0);
  if (criteria.length > 0) {
    canvas.paragraph(t('letter.reconsideration.criteriaIntro'));
    canvas.list(criteria, () => '•');
  }
  const text = (data.kind === 'board_upheld' ? data.board!.text : data.reasons.text).trim();
  if (text) canvas.paragraph(text);

  if (data.kind !== 'upheld') {
    canvas.heading(t('letter.reconsideration.next.heading'));
    canvas.paragraph(t(`letter.reconsideration.next.${data.kind}`, { email: data.municipality.email, reference: data.reference }));
  }
  // Only an upheld decision can still be taken further; a forwarded klage or the board's decision says what comes next itself.
  drawRights(canvas, data, locale, { disagree: false, complaint: data.kind === 'upheld' ? 'reconsidered' : 'none' });
  drawSignature(canvas, data, locale);
  return pdf.finish({
    text: `${data.municipality.name} · ${t('letter.label.reference')} ${data.reference}`,
    page: (current, total) => t('letter.page', { current, total }),
  });
}
