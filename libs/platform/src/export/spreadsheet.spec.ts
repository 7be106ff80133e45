import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { num, toCsv, toXlsx, type TableFile } from './spreadsheet';
import { crc32 } from './zip';

const table: TableFile = {
  sheet: '收入报表',
  header: ['科室', '收款(元)', '笔数'],
  rows: [
    ['内科, 一病区', num('12.50', '0.00'), num('3')],
    ['=HYPERLINK("x")', num('-0.05', '0.00'), num('1')],
  ],
  footer: ['合计', num('12.45', '0.00'), num('4')],
};

/** Reads a zip's entries from its central directory, as any reader would. */
function unzip(buf: Buffer): Map<string, string> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const [size, nameLen, extra, comment, local] = [buf.readUInt32LE(p + 20), buf.readUInt16LE(p + 28), buf.readUInt16LE(p + 30), buf.readUInt16LE(p + 32), buf.readUInt32LE(p + 42)];
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = inflateRawSync(buf.subarray(start, start + size));
    expect(crc32(data)).toBe(buf.readUInt32LE(p + 16));
    out.set(name, data.toString('utf8'));
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

describe('table files', () => {
  it('writes CSV with a BOM, CRLF, quoting, and text that cannot turn into a formula', () => {
    expect(toCsv(table)).toBe('\uFEFF科室,收款(元),笔数\r\n"内科, 一病区",12.50,3\r\n"\'=HYPERLINK(""x"")",-0.05,1\r\n合计,12.45,4\r\n');
  });

  it('writes an xlsx package: one sheet, numbers as numbers with the 0.00 format, text inline', () => {
    const parts = unzip(toXlsx(table));
    expect([...parts.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(parts.get('xl/workbook.xml')).toContain('<sheet name="收入报表" sheetId="1" r:id="rId1"/>');
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<c r="B2" s="1"><v>12.50</v></c>');
    expect(sheet).toContain('<c r="C3" s="0"><v>1</v></c>');
    expect(sheet).toContain('<c r="A2" t="inlineStr" s="0"><is><t xml:space="preserve">内科, 一病区</t></is></c>');
    expect(sheet).toContain('=HYPERLINK(&quot;x&quot;)');
    expect(sheet).toContain('<c r="B4" s="3"><v>12.45</v></c>');
    expect(parts.get('xl/styles.xml')).toContain('<xf numFmtId="2" fontId="0"');
  });

  it('is an archive the system unzip accepts, when the machine has one', () => {
    let hasUnzip = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      hasUnzip = false;
    }
    if (!hasUnzip) return;
    const file = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'r.xlsx');
    writeFileSync(file, toXlsx(table));
    expect(execFileSync('unzip', ['-t', file]).toString()).toMatch(/No errors detected/);
  });

  it('refuses a number that is not decimal text', () => {
    expect(() => toXlsx({ ...table, rows: [['x', num('1e5')]] })).toThrow(RangeError);
  });
});
