/**
 * Test helper: the text, page count and Title of a PDF, for asserting what a printed document says.
 * Not exported from the package index: it needs the root dev dependency `pdf-parse`, which production images do
 * not carry. Tests import it by path (`@clinic/platform/src/pdf/pdf-text`).
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/**
 * Why a child process: pdf-parse 2 (pdf.js inside) runs its worker in-process by `import()`-ing the ESM-only
 * `pdf.worker.mjs`. Jest's CommonJS runtime refuses that import ("dynamic import callback was invoked without
 * --experimental-vm-modules") and also intercepts `createRequire`, so there is no clean way to load the worker
 * under jest. A plain `node` child has neither limit; it costs a few hundred milliseconds per call.
 */
const EXTRACT = `
const { PDFParse } = await import(process.argv[1]);
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
try {
  const text = await parser.getText({ pageJoiner: '' });
  const meta = await parser.getInfo();
  process.stdout.write(JSON.stringify({ text: text.text, pages: text.total, title: meta.info?.Title }));
} finally {
  await parser.destroy();
}
`;

export interface PdfTextResult {
  /** All pages' text, pages separated by blank lines. */
  text: string;
  pages: number;
  /** The document's Title metadata, if any. */
  title?: string;
}

export function pdfText(buf: Buffer): Promise<PdfTextResult> {
  const parserUrl = pathToFileURL(require.resolve('pdf-parse')).href;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', EXTRACT, parserUrl], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`pdf text extraction failed (${signal ?? `exit ${code}`}): ${Buffer.concat(err).toString()}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as PdfTextResult);
      } catch (e) {
        reject(e);
      }
    });
    child.stdin.end(buf);
  });
}
