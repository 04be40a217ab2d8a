import { spawn } from 'node:child_process';

export interface ParsedPdf {
  /** Whitespace collapsed, so a phrase wrapped over two lines still matches. */
  text: string;
  pages: number;
  /** Each page's non-empty lines of text, as drawn (footer included). */
  pageLines: string[][];
  info: Record<string, unknown>;
}

// pdf.js (inside pdf-parse) loads its worker with a dynamic import(), which jest's module sandbox
// refuses without --experimental-vm-modules. So the PDFs are read in a plain Node process, with
// pdf-parse exactly as any other reader would use it.
const PARSER_SCRIPT = `
const { PDFParse } = require(process.argv[1]);
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const results = [];
  for (const base64 of JSON.parse(input)) {
    const parser = new PDFParse({ data: Buffer.from(base64, 'base64') });
    const { text, total, pages } = await parser.getText();
    const { info } = await parser.getInfo();
    await parser.destroy();
    results.push({ text, total, pages: pages.map((page) => page.text), info });
  }
  process.stdout.write(JSON.stringify(results));
});`;

/** Reads the text of real PDF bytes, the way any PDF reader would. */
export function parsePdfs(pdfs: Buffer[]): Promise<ParsedPdf[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PARSER_SCRIPT, require.resolve('pdf-parse')], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pdf-parse failed (${code}): ${Buffer.concat(stderr).toString()}`));
      const results = JSON.parse(Buffer.concat(stdout).toString()) as Array<{ text: string; total: number; pages: string[]; info: Record<string, unknown> }>;
      resolve(
        results.map((r) => ({
          text: r.text.replace(/\s+/g, ' '),
          pages: r.total,
          pageLines: r.pages.map((page) => page.split('\n').map((line) => line.trim()).filter((line) => line !== '')),
          info: r.info,
        })),
      );
    });
    child.stdin.end(JSON.stringify(pdfs.map((pdf) => pdf.toString('base64'))));
  });
}

export async function parsePdf(pdf: Buffer | Uint8Array): Promise<ParsedPdf> {
  const [parsed] = await parsePdfs([Buffer.from(pdf)]);
  if (!parsed) throw new Error('pdf-parse returned nothing');
  return parsed;
}
