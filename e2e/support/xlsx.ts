import { inflateRawSync } from 'node:zlib';

/**
 * Reads the first sheet of an .xlsx back, as a spreadsheet program would: the zip's central directory, the
 * sheet's cells (shared or inline strings, numbers) and each number's format from the styles part.
 */
export interface SheetCell {
  ref: string;
  /** Numbers as the file writes them (decimal text), strings as text. */
  value: string;
  type: 'number' | 'string';
  /** The number format code ("0.00", "General" …). */
  format: string;
}

const BUILT_IN_FORMATS: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00' };

function entries(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const skip = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(raw) : raw);
    p += 46 + skip;
  }
  return out;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** Rows of cells, in order; the workbook's first sheet. */
export function readSheet(file: Buffer): { sheetName: string; rows: SheetCell[][] } {
  const parts = entries(file);
  const text = (name: string) => parts.get(name)?.toString('utf8') ?? '';
  const workbook = text('xl/workbook.xml');
  const firstSheet = /<sheet\b[^>]*>/.exec(workbook)?.[0] ?? '';
  const rels = text('xl/_rels/workbook.xml.rels');
  const relId = attr(firstSheet, 'r:id');
  const target = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => attr(r, 'Id') === relId);
  const sheetPath = `xl/${attr(target ?? '', 'Target')?.replace(/^\/?xl\//, '')}`;
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unescape([...m[1].matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const styles = text('xl/styles.xml');
  const custom = new Map([...styles.matchAll(/<numFmt\b[^>]*>/g)].map((m) => [Number(attr(m[0], 'numFmtId')), unescape(attr(m[0], 'formatCode') ?? '')]));
  const xfs = [...(/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b[^>]*>/g)].map((m) => Number(attr(m[0], 'numFmtId') ?? 0));
  const formatOf = (style: number) => {
    const id = xfs[style] ?? 0;
    return custom.get(id) ?? BUILT_IN_FORMATS[id] ?? `#${id}`;
  };
  const rows = [...text(sheetPath).matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((c): SheetCell => {
      const [head, body = ''] = [c[1], c[2]];
      const type = attr(head, 't');
      const format = formatOf(Number(attr(head, 's') ?? 0));
      const ref = attr(head, 'r') ?? '';
      if (type === 'inlineStr') return { ref, value: unescape([...body.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')), type: 'string', format };
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '';
      if (type === 's') return { ref, value: shared[Number(v)] ?? '', type: 'string', format };
      return { ref, value: v, type: 'number', format };
    }),
  );
  return { sheetName: unescape(attr(firstSheet, 'name') ?? ''), rows };
}
