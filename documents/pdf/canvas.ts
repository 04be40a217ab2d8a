import { COLOR, FONT, LINE_GAP, MARGIN, SIZE, keepReferencesTogether } from './style';
import { asArtifact, container, rowHeader, tagged } from './tags';


export interface Bar {
  label: string;
  /** The length of the bar; null for a count too small to show, which gets no bar. */
  value: number | null;
  /** The value as the reader reads it, right of the bar. */
  text: string;
}

/**
 * The drawing vocabulary of our documents on top of pdfkit, so a document reads like its content.
 * Each building block also tags what it draws (see tags.ts), in the order it is drawn, under one
 * Document element: a document that uses only these blocks is tagged without knowing it.
 */
export class PdfCanvas {
  /** The root of the document's structure, which every block adds its elements to. */
  readonly structure: PDFKit.PDFStructureElement;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.structure = doc.struct('Document');
    doc.addStructure(this.structure);
  }

  /** Text the block draws, as one element of the given type (P, H1, …) in the document. */
  tag(type: string, draw: () => void): void {
    tagged(this.doc, this.structure, type, draw);
  }

  /** Decoration the block draws: not read aloud, not part of the text. */
  decorate(draw: () => void): void {
    asArtifact(this.doc, 'Layout', draw);
  }

  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Keep a heading with the first lines that follow it. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  /** What the document is: a small spaced-out kicker over the title in large type. */
  title(kicker: string, title: string): void {
    const { doc } = this;
    this.tag('P', () => doc.font(FONT.regular).fontSize(9.5).fillColor(COLOR.muted).text(kicker.toUpperCase(), MARGIN.left, doc.y, { width: this.width, characterSpacing: 0.4 }));
    this.gap(3);
    this.tag('H1', () => doc.font(FONT.bold).fontSize(SIZE.title).fillColor(COLOR.text).text(keepReferencesTogether(title), MARGIN.left, doc.y, { width: this.width }));
    this.gap(12);
  }

  /**
   * A section's heading (H2); `major` (larger) for the sections that hold other headed parts.
   * `keepWith`: the height of what follows that must stand on the same page (a table, a chart);
   * without it, at least three lines of text.
   */
  heading(text: string, major = false, keepWith = 0): void {
    this.headingOf('H2', text, major ? SIZE.section : SIZE.heading, keepWith);
  }

  /** The heading of a part inside a major section (H3), kept with `keepWith` points of what follows. */
  subheading(text: string, keepWith = 0): void {
    this.headingOf('H3', text, SIZE.heading, keepWith);
  }

  private headingOf(type: 'H2' | 'H3', text: string, size: number, keepWith: number): void {
    this.doc.font(FONT.bold).fontSize(size);
    this.keepTogether(this.doc.heightOfString(keepReferencesTogether(text), { width: this.width }) + Math.max(keepWith, 3 * (SIZE.body + LINE_GAP)) + 14);
    this.gap(10);
    this.tag(type, () => this.doc.fillColor(COLOR.accent).text(keepReferencesTogether(text), MARGIN.left, this.doc.y, { width: this.width }));
    this.gap(3);
    this.doc.fillColor(COLOR.text);
  }

  /** Each line of the text becomes its own paragraph, so a configured block keeps its breaks. */
  paragraph(text: string): void {
    for (const line of text.split(/\n+/)) {
      this.doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
      this.ensureSpace(2 * (SIZE.body + LINE_GAP)); // no single orphaned line at the foot of a page
      this.tag('P', () => this.doc.text(keepReferencesTogether(line), MARGIN.left, this.doc.y, { width: this.width, lineGap: LINE_GAP }));
      this.gap(5);
    }
    this.doc.fillColor(COLOR.text);
  }

  /** A remark on what precedes it, such as how a figure was measured. */
  note(text: string): void {
    this.tag('P', () => this.doc.font(FONT.italic).fontSize(SIZE.small).fillColor(COLOR.muted).text(keepReferencesTogether(text), MARGIN.left, this.doc.y, { width: this.width, lineGap: LINE_GAP }));
    this.gap(5);
    this.doc.font(FONT.regular).fillColor(COLOR.text);
  }

  /** Someone else's words: who and what in bold, the words in italics, the source below. */
  quote(about: string, words: string, source: string): void {
    const { doc } = this;
    this.keepTogether(this.quoteHeight(about, words, source));
    this.gap(4);
    const quote = container(doc, this.structure, 'BlockQuote');
    tagged(doc, quote, 'P', () => doc.font(FONT.bold).fontSize(SIZE.body).fillColor(COLOR.text).text(about, MARGIN.left, doc.y, { width: this.width }));
    tagged(doc, quote, 'P', () => doc.font(FONT.italic).fontSize(SIZE.body).text(words, MARGIN.left, doc.y, { width: this.width, lineGap: LINE_GAP }));
    tagged(doc, quote, 'P', () => doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted).text(source, MARGIN.left, doc.y, { width: this.width }));
    quote.end();
    doc.fillColor(COLOR.text);
  }

  /** How tall a quote is drawn: it is kept on one page, and a heading above it with it. */
  quoteHeight(about: string, words: string, source: string): number {
    const { doc } = this;
    const width = { width: this.width };
    return (
      4 +
      doc.font(FONT.bold).fontSize(SIZE.body).heightOfString(about, width) +
      doc.font(FONT.italic).fontSize(SIZE.body).heightOfString(words, { ...width, lineGap: LINE_GAP }) +
      doc.font(FONT.regular).fontSize(SIZE.small).heightOfString(source, width)
    );
  }

  /** How tall a paragraph is drawn, for a heading to keep the whole of it on its page. */
  paragraphHeight(text: string): number {
    this.doc.font(FONT.regular).fontSize(SIZE.body);
    return text.split(/\n+/).reduce((sum, line) => sum + this.doc.heightOfString(keepReferencesTogether(line), { width: this.width, lineGap: LINE_GAP }) + 5, 0);
  }

  /** Lines that belong together, such as a signature, without paragraph spacing. */
  lines(lines: string[]): void {
    this.tag('P', () => this.doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text).text(lines.join('\n'), MARGIN.left, this.doc.y, { width: this.width, lineGap: LINE_GAP }));
  }

  /** Bullets or numbers in a hanging indent, so wrapped lines line up under the text. */
  list(items: string[], marker: (index: number) => string): void {
    const { doc } = this;
    const indent = 18;
    this.doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
    const list = container(doc, this.structure, 'L');
    items.forEach((item, index) => {
      const text = keepReferencesTogether(item);
      // A short item is not split over two pages; a long one starts with at least a few lines.
      const height = this.doc.heightOfString(text, { width: this.width - indent, lineGap: LINE_GAP });
      this.ensureSpace(Math.min(height, 4 * (SIZE.body + LINE_GAP)));
      const top = this.doc.y;
      const listItem = container(doc, list, 'LI');
      tagged(doc, listItem, 'Lbl', () => this.doc.text(marker(index), MARGIN.left, top, { width: indent, lineBreak: false }));
      tagged(doc, listItem, 'LBody', () => this.doc.text(text, MARGIN.left + indent, top, { width: this.width - indent, lineGap: LINE_GAP }));
      listItem.end();
      this.gap(3);
    });
    list.end();
    this.doc.x = MARGIN.left;
    this.gap(2);
  }

  /** The essentials at a glance: label/value rows on a tinted panel. */
  factsPanel(facts: Array<[string, string]>): void {
    const rows = facts.map(([label, value]): [string, string] => [label, keepReferencesTogether(value)]);
    const padding = 10;
    const labelWidth = 120;
    const valueWidth = this.width - labelWidth - 2 * padding;
    this.doc.fontSize(SIZE.body);
    const rowHeights = rows.map(([, value]) => this.doc.font(FONT.bold).heightOfString(value, { width: valueWidth, lineGap: LINE_GAP }) + 4);
    const height = rowHeights.reduce((sum, h) => sum + h, 0) + 2 * padding - 4;
    this.ensureSpace(height + 8);
    const top = this.doc.y + 4;
    this.decorate(() => {
      this.doc.rect(MARGIN.left, top, this.width, height).fill(COLOR.box);
      this.doc.rect(MARGIN.left, top, 3, height).fill(COLOR.accent);
    });
    let y = top + padding;
    const table = container(this.doc, this.structure, 'Table');
    rows.forEach(([label, value], index) => {
      this.tableRow(table, () => this.doc.font(FONT.regular).fillColor(COLOR.muted).text(label, MARGIN.left + padding + 4, y, { width: labelWidth - 8 }), () => {
        this.doc.font(FONT.bold).fillColor(COLOR.text).text(value, MARGIN.left + padding + labelWidth, y, { width: valueWidth, lineGap: LINE_GAP });
      });
      y += rowHeights[index] ?? 0;
    });
    table.end();
    this.doc.x = MARGIN.left;
    this.doc.y = top + height + 10;
    this.doc.font(FONT.regular).fillColor(COLOR.text);
  }

  /**
   * What someone filled in: each question on the left in muted type, the answer beside it, read as
   * a table of row headers and cells. A short answer stays on the page with its question; a long
   * one (a project description) starts with a few lines and flows on to the next page.
   */
  answers(rows: Array<[string, string]>): void {
    const { doc } = this;
    if (rows.length === 0) return;
    const labelWidth = 150;
    const valueX = MARGIN.left + labelWidth + 12;
    const valueWidth = this.width - labelWidth - 12;
    const table = container(doc, this.structure, 'Table');
    for (const [label, answer] of rows) {
      const value = keepReferencesTogether(answer);
      doc.font(FONT.regular).fontSize(SIZE.body);
      const labelHeight = doc.heightOfString(label, { width: labelWidth });
      const valueHeight = doc.heightOfString(value, { width: valueWidth, lineGap: LINE_GAP });
      this.ensureSpace(Math.max(labelHeight, Math.min(valueHeight, 4 * (SIZE.body + LINE_GAP))));
      const y = doc.y;
      const page = doc.page;
      this.tableRow(
        table,
        () => doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.muted).text(label, MARGIN.left, y, { width: labelWidth }),
        () => doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text).text(value, valueX, y, { width: valueWidth, lineGap: LINE_GAP }),
      );
      // An answer that ran on to the next page ends where its last line stands.
      doc.y = (doc.page === page ? Math.max(y + labelHeight, doc.y) : doc.y) + 6;
    }
    table.end();
    doc.x = MARGIN.left;
    doc.font(FONT.regular).fillColor(COLOR.text);
  }

  /** A table of figures: what is counted on the left, the figure in bold on the right. */
  figures(rows: Array<[string, string]>): void {
    const { doc } = this;
    if (rows.length === 0) return;
    const { column, rows: layout } = this.figureLayout(rows);
    this.keepTogether(layout.reduce((sum, row) => sum + row.height, 0));
    const table = container(doc, this.structure, 'Table');
    for (const { label, value, height } of layout) {
      this.ensureSpace(height);
      const y = doc.y;
      this.tableRow(
        table,
        () => doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text).text(label, MARGIN.left, y, { width: this.width - column - 10 }),
        () => doc.font(FONT.bold).fontSize(SIZE.body).text(value, MARGIN.left + this.width - column, y, { width: column, align: 'right' }),
      );
      doc.y = y + height;
    }
    table.end();
    doc.font(FONT.regular);
  }

  /**
   * A table of figures measured before it is drawn: the figure column as wide as its widest figure
   * (a third to half the width), each row as tall as its label or figure, so neither is drawn over
   * the other nor broken off onto the next page.
   */
  private figureLayout(rows: Array<[string, string]>): { column: number; rows: Array<{ label: string; value: string; height: number }> } {
    const { doc } = this;
    const texts = rows.map(([label, value]) => ({ label: keepReferencesTogether(label), value: keepReferencesTogether(value) }));
    doc.font(FONT.bold).fontSize(SIZE.body);
    const widest = Math.max(0, ...texts.map(({ value }) => doc.widthOfString(value)));
    const column = Math.min(this.width * 0.5, Math.max(this.width * 0.3, widest + 2));
    return {
      column,
      rows: texts.map(({ label, value }) => {
        const labelHeight = doc.font(FONT.regular).fontSize(SIZE.body).heightOfString(label, { width: this.width - column - 10 });
        const valueHeight = doc.font(FONT.bold).fontSize(SIZE.body).heightOfString(value, { width: column });
        return { label, value, height: Math.max(labelHeight, valueHeight) + 3 };
      }),
    };
  }

  /**
   * A horizontal bar per row, scaled to the largest value, under an optional caption that stays
   * with it. A row without a value (a count too small to show) has its text but no bar.
   */
  barChart(rows: Bar[], caption?: string): void {
    const { doc } = this;
    const max = Math.max(1, ...rows.map((row) => row.value ?? 0));
    const labelWidth = this.width * 0.45;
    const barX = MARGIN.left + this.width * 0.47;
    const barWidth = this.width * 0.34;
    const textX = barX + barWidth + 6;
    const labels = rows.map((row) => keepReferencesTogether(row.label));
    const heights = this.barHeights(labels);
    this.keepTogether(this.barChartHeight(rows, caption));
    if (caption) this.paragraph(caption);
    // Read as a table of label and figure; the bars only show the same figures to the eye.
    const table = container(doc, this.structure, 'Table');
    rows.forEach((row, index) => {
      const height = heights[index] ?? 17;
      this.ensureSpace(height);
      const y = doc.y;
      const { value } = row;
      this.tableRow(
        table,
        () => doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text).text(labels[index] ?? row.label, MARGIN.left, y, { width: labelWidth }),
        () => doc.font(FONT.bold).fontSize(10).fillColor(COLOR.text).text(row.text, textX, y, { width: MARGIN.left + this.width - textX, align: 'right' }),
        value === null
          ? undefined
          : () => {
              doc.rect(barX, y + 1, barWidth, 9).fill(COLOR.barBack);
              doc.rect(barX, y + 1, Math.max(1, (barWidth * value) / max), 9).fill(COLOR.accent);
            },
      );
      doc.y = y + height;
    });
    table.end();
    doc.font(FONT.regular).fontSize(SIZE.body);
  }

  /** How tall a bar chart (with its caption) is drawn, for a heading to keep with it. */
  barChartHeight(rows: Bar[], caption?: string): number {
    const captionHeight = caption ? this.doc.font(FONT.regular).fontSize(SIZE.body).heightOfString(keepReferencesTogether(caption), { width: this.width, lineGap: LINE_GAP }) + 5 : 0;
    return captionHeight + this.barHeights(rows.map((row) => keepReferencesTogether(row.label))).reduce((sum, height) => sum + height, 0);
  }

  private barHeights(labels: string[]): number[] {
    this.doc.font(FONT.regular).fontSize(10);
    return labels.map((label) => Math.max(this.doc.heightOfString(label, { width: this.width * 0.45 }), 14) + 3);
  }

  /** How tall a table of figures is drawn, for a heading to keep with it. */
  figuresHeight(rows: Array<[string, string]>): number {
    return this.figureLayout(rows).rows.reduce((sum, row) => sum + row.height, 0);
  }

  /** How tall a subheading is drawn, for the heading above it to keep with it. */
  subheadingHeight(text: string): number {
    return this.doc.font(FONT.bold).fontSize(SIZE.heading).heightOfString(keepReferencesTogether(text), { width: this.width }) + 13;
  }

  /** Starts a new page unless a block of this height fits on this one; a block taller than a page
   * starts where it is. */
  keepTogether(height: number): void {
    if (height <= this.doc.page.height - MARGIN.top - MARGIN.bottom) this.ensureSpace(height);
  }

  /** A table row of a header cell (what is counted) and a data cell, with decoration between. */
  private tableRow(table: PDFKit.PDFStructureElement, header: () => void, value: () => void, decoration?: () => void): void {
    const row = container(this.doc, table, 'TR');
    rowHeader(this.doc, row, header);
    if (decoration) this.decorate(decoration);
    tagged(this.doc, row, 'TD', value);
    row.end();
  }
}
