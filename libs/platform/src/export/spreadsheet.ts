import { zip } from './zip';

/**
 * One table for a download, written as CSV or as an .xlsx workbook with one sheet. Numbers are decimal text
 * (amounts come from integer fen by string arithmetic), so no float is ever formatted here.
 */
export interface Num {
  num: string;
  /** '0.00': money in yuan; absent: a count. */
  format?: '0.00';
}
export type Cell = string | Num;

export interface TableFile {
  /** The sheet's name (at most 31 characters, none of []:*?/\). */
  sheet: string;
  header: string[];
  rows: Cell[][];
  /** A bold last row (合计). */
  footer?: Cell[];
  /** Column widths in characters. */
  widths?: number[];
}

export const num = (text: string, format?: '0.00'): Num => (format ? { num: text, format } : { num: text });

const isNum = (c: Cell): c is Num => typeof c === 'object';
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A spreadsheet would run a cell starting with = + - @ (or a tab or return) as a formula: text is kept text. */
function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvField(c: Cell): string {
  const text = isNum(c) ? c.num : safeText(c);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 with CRLF, behind a UTF-8 byte order mark so that Excel reads the Chinese right. */
export function toCsv(t: TableFile): string {
  const lines = [t.header, ...t.rows, ...(t.footer ? [t.footer] : [])].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// Styles (cellXfs): 0 plain, 1 number 0.00, 2 bold, 3 bold 0.00. numFmtId 2 is Excel's built-in "0.00".
const STYLE = { plain: 0, money: 1, bold: 2, boldMoney: 3 } as const;

function xml(s: string): string {
  // Characters XML 1.0 cannot hold are dropped; the rest escaped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnName(i: number): string {
  let name = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cellXml(c: Cell, ref: string, bold: boolean): string {
  if (isNum(c)) {
    if (!DECIMAL.test(c.num)) throw new RangeError(`not a decimal number: ${c.num}`);
    const s = c.format ? (bold ? STYLE.boldMoney : STYLE.money) : bold ? STYLE.bold : STYLE.plain;
    return `<c r="${ref}" s="${s}"><v>${c.num}</v></c>`;
  }
  return `<c r="${ref}" t="inlineStr" s="${bold ? STYLE.bold : STYLE.plain}"><is><t xml:space="preserve">${xml(c)}</t></is></c>`;
}

function sheetXml(t: TableFile): string {
  const rows = [
    { cells: t.header as Cell[], bold: true },
    ...t.rows.map((cells) => ({ cells, bold: false })),
    ...(t.footer ? [{ cells: t.footer, bold: true }] : []),
  ];
  const body = rows
    .map(({ cells, bold }, r) => `<row r="${r + 1}">${cells.map((c, i) => cellXml(c, `${columnName(i)}${r + 1}`, bold)).join('')}</row>`)
    .join('');
  const cols = t.widths?.length ? `<cols>${t.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : '';
  const views = '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${views}${cols}<sheetData>${body}</sheetData></worksheet>`;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const STYLES =
  `${HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="2" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** An .xlsx workbook of one sheet: header and footer bold, the header row frozen, money cells formatted 0.00. */
export function toXlsx(t: TableFile, at = new Date()): Buffer {
  const sheetName = t.sheet.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
  const parts: [string, string][] = [
    [
      '[Content_Types].xml',
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    ],
    ['_rels/.rels', `${HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `${HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${xml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    [
      'xl/_rels/workbook.xml.rels',
      `${HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    ['xl/styles.xml', STYLES],
    ['xl/worksheets/sheet1.xml', sheetXml(t)],
  ];
  return zip(
    parts.map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') })),
    at,
  );
}
