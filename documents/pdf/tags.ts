// The tagging vocabulary of our PDFs on top of pdfkit's marked content: what a screen reader and
// an archive see of a page. Text is drawn inside a structure element (heading, paragraph, list
// item, table cell), in reading order; what only decorates — rules, tinted panels, bars, running
// footers — is an artifact, which assistive technology skips.

type Element = PDFKit.PDFStructureElement;

/** What kind of decoration: page furniture repeated on every page, or layout. */
export type ArtifactKind = 'Pagination' | 'Layout';

/** Draws decoration outside the structure. Never call it while drawing inside a tagged element. */
export function asArtifact(doc: PDFKit.PDFDocument, kind: ArtifactKind, draw: () => void): void {
  doc.markContent('Artifact', { type: kind });
  draw();
  doc.endMarkedContent();
}

/** An element whose content is what `draw` puts on the page, added to `parent` and drawn now. */
export function tagged(doc: PDFKit.PDFDocument, parent: Element, type: string, draw: () => void): void {
  parent.add(doc.struct(type, {}, draw));
}

/** An element that holds other elements (a list, a table, a row); `end()` it when filled. */
export function container(doc: PDFKit.PDFDocument, parent: Element, type: string): Element {
  const element = doc.struct(type);
  parent.add(element);
  return element;
}

/** A table's header cell for its row: what the value next to it is. */
export function rowHeader(doc: PDFKit.PDFDocument, row: Element, draw: () => void): void {
  // pdfkit writes the Scope attribute (PDF/UA wants it on every TH) though its types omit it.
  row.add(doc.struct('TH', { scope: 'Row' } as PDFKit.Mixins.StructureElementOptions, draw));
}
