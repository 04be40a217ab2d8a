import PDFDocument from 'pdfkit';
import { LOCALE_TAGS, type Language } from '../../lib/languages';
import { PdfCanvas } from './canvas';
import { FONT, registerFonts } from './fonts';
import { COLOR, FOOTER_FROM_BOTTOM, MARGIN, PAGE_SIZE, SIZE } from './style';
import { asArtifact } from './tags';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords?: string;
  /** Also what makes the same content give the same bytes. */
  createdAt: Date;
}

export interface PdfFooter {
  /** Left: who sent it and what it is. */
  text: string;
  /** Right: "Side 1 af 3", from the page's number and the total. */
  page(current: number, total: number): string;
}

/** A PDF being drawn: the canvas to draw on, and `finish` to number the pages and get the bytes. */
export interface OpenPdf {
  canvas: PdfCanvas;
  finish(footer: PdfFooter): Promise<Buffer>;
}

/**
 * A new PDF in the reader's language, made to be read with a screen reader and archived: tagged
 * (every block of text is a structure element — headings, paragraphs, lists, tables — in reading
 * order, and rules, panels and footers are artifacts), PDF/A-2a, with its fonts embedded.
 */
export function openPdf(language: Language, metadata: PdfMetadata): OpenPdf {
  const doc = new PDFDocument({
    size: PAGE_SIZE,
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    // No standard font is ever set, not even pdfkit's default Helvetica: PDF/A embeds every font.
    font: null as unknown as string,
    lang: LOCALE_TAGS[language],
    displayTitle: true,
    info: {
      Title: metadata.title,
      Author: metadata.author,
      Subject: metadata.subject,
      ...(metadata.keywords ? { Keywords: metadata.keywords } : {}),
      Creator: 'grantflow',
      CreationDate: metadata.createdAt,
    },
  });
  registerFonts(doc);
  doc.font(FONT.regular);
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    canvas: new PdfCanvas(doc),
    finish(footer) {
      drawFooters(doc, footer);
      doc.end();
      return bytes;
    },
  };
}

/** Page numbers need the total, so they are drawn last on every buffered page. */
function drawFooters(doc: PDFKit.PDFDocument, footer: PdfFooter): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - FOOTER_FROM_BOTTOM;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    // A reader meets the sender and the page number once, not at the foot of every page.
    asArtifact(doc, 'Pagination', () => {
      doc.moveTo(MARGIN.left, y - 8).lineTo(doc.page.width - MARGIN.right, y - 8).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
      doc.font(FONT.regular).fontSize(SIZE.footer).fillColor(COLOR.muted);
      doc.text(footer.text, MARGIN.left, y, { width: width * 0.75, lineBreak: false });
      doc.text(footer.page(index - start + 1, count), MARGIN.left + width * 0.75, y, { width: width * 0.25, align: 'right', lineBreak: false });
    });
    doc.page.margins.bottom = savedBottom;
  }
}
