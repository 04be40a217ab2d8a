import type { PdfCanvas } from './canvas';
import { COLOR, FONT, MARGIN, SIZE } from './style';
import { container, rowHeader, tagged } from './tags';

export interface Letterhead {
  sender: { name: string; department: string };
  /** Address and contact lines, right-aligned opposite the sender. */
  contactLines: string[];
  /** Where a window envelope shows it. */
  recipientLines: string[];
  /** Date, case number and the like, opposite the recipient. */
  caseFacts: Array<[string, string]>;
}

/**
 * Sender, recipient and case facts where an official letter has them. Read in that order: the
 * sender and how to reach them, who the letter is for, then date and case as a small table.
 */
export function drawLetterhead(canvas: PdfCanvas, head: Letterhead): void {
  const { doc } = canvas;
  const top = MARGIN.top;
  const rightWidth = 190;
  const rightX = doc.page.width - MARGIN.right - rightWidth;

  canvas.tag('P', () => doc.font(FONT.bold).fontSize(SIZE.masthead).fillColor(COLOR.accent).text(head.sender.name, MARGIN.left, top, { width: canvas.width - rightWidth - 10 }));
  canvas.tag('P', () => doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text).text(head.sender.department, MARGIN.left, doc.y + 2, { width: canvas.width - rightWidth - 10 }));
  const leftBottom = doc.y;

  doc.fontSize(SIZE.footer).fillColor(COLOR.muted);
  canvas.tag('P', () => doc.text(head.contactLines.join('\n'), rightX, top + 2, { width: rightWidth, align: 'right', lineGap: 1.5 }));
  const ruleY = Math.max(leftBottom, doc.y) + 10;
  canvas.decorate(() => doc.moveTo(MARGIN.left, ruleY).lineTo(doc.page.width - MARGIN.right, ruleY).lineWidth(0.75).strokeColor(COLOR.rule).stroke());

  const blockTop = ruleY + 26;
  canvas.tag('P', () => doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text).text(head.recipientLines.join('\n'), MARGIN.left, blockTop, { width: 250, lineGap: 1.5 }));
  const recipientBottom = doc.y;

  let y = blockTop;
  const table = container(doc, canvas.structure, 'Table');
  for (const [label, value] of head.caseFacts) {
    const row = container(doc, table, 'TR');
    rowHeader(doc, row, () => doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted).text(label, rightX, y, { width: 80 }));
    tagged(doc, row, 'TD', () => doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.text).text(value, rightX + 80, y, { width: rightWidth - 80 }));
    row.end();
    y = doc.y + 2;
  }
  table.end();
  doc.x = MARGIN.left;
  doc.y = Math.max(recipientBottom, y) + 30;
}
