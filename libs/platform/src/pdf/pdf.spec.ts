import { existsSync } from 'node:fs';
import { pdfFontPath, renderPdf, type PdfDocumentSpec } from './pdf';
import { pdfText } from './pdf-text';

/** Extraction breaks wrapped lines and table cells with whitespace; compare without it. */
const compact = (s: string) => s.replace(/\s+/g, '');

const DRUGS = ['阿莫西林胶囊', '布洛芬缓释胶囊', '头孢克肟分散片', '蒙脱石散', '复方甘草口服溶液'];
const LONG_USAGE = '口服，一次两粒，一日三次，饭后温水送服；服药期间忌酒，如出现皮疹、呼吸困难请立即停药并就医';

function prescription(rows: number): PdfDocumentSpec {
  return {
    size: 'A4',
    title: '处方笺 RX-20251126-0001',
    footer: '本处方当日有效 · 仁心诊所',
    blocks: [
      { kind: 'title', text: '仁心诊所 处方笺' },
      {
        kind: 'fields',
        pairs: [
          ['患者', '张三'],
          ['性别', '男'],
          ['医生', '王赟'],
          ['药师', '李堃'],
          ['复核', '陈喆'],
          ['日期', '2025-11-26'],
        ],
      },
      { kind: 'rule' },
      {
        kind: 'table',
        columns: [
          { header: '序号', width: 1, align: 'right' },
          { header: '药品名称', width: 4 },
          { header: '数量', width: 1.5, align: 'right' },
          { header: '用法用量', width: 6 },
        ],
        rows: Array.from({ length: rows }, (_, i) => [
          String(i + 1),
          DRUGS[i % DRUGS.length],
          `${(i % 3) + 1} 盒`,
          i === 3 ? LONG_USAGE : '口服，一日三次',
        ]),
      },
      { kind: 'space' },
      { kind: 'text', text: '医师签名：王赟', align: 'right', bold: true },
    ],
  };
}

describe('renderPdf', () => {
  it('ships its font in the package', () => {
    expect(existsSync(pdfFontPath())).toBe(true);
  });

  it('prints Chinese text that can be extracted again, and sets the Title', async () => {
    const pdf = await renderPdf(prescription(40));
    const { text, pages, title } = await pdfText(pdf);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(title).toBe('处方笺 RX-20251126-0001');
    expect(text).toContain('仁心诊所 处方笺');
    expect(text).toContain('患者：张三');
    // Rare name characters, inside U+4E00–9FFF, must be in the embedded subset.
    for (const name of ['医生：王赟', '药师：李堃', '复核：陈喆']) expect(text).toContain(name);
    expect(text).toContain('阿莫西林胶囊');
    expect(text).toContain('本处方当日有效 · 仁心诊所');
    // A long cell wraps inside its column instead of being cut.
    expect(compact(text)).toContain(compact(LONG_USAGE));
    expect(pages).toBe(2);
  });

  it('continues a long table on a new page with the header repeated', async () => {
    const pdf = await renderPdf(prescription(40));
    const { text, pages } = await pdfText(pdf);

    expect(pages).toBe(2);
    expect(text.match(/药品名称/g)).toHaveLength(2);
    // Every row is printed once: the last row and the text after the table reach page 2.
    expect(compact(text)).toContain('40复方甘草口服溶液');
    expect(text).toContain('医师签名：王赟');
    expect(text).toContain('2 / 2');
  });

  it('fits a dispensing label on one 100 × 70 mm page', async () => {
    const pdf = await renderPdf({
      size: 'LABEL',
      title: '发药标签',
      blocks: [
        { kind: 'text', text: '仁心诊所药房', size: 9, align: 'center' },
        { kind: 'text', text: '阿莫西林胶囊 0.25g×24粒', size: 11, bold: true },
        { kind: 'fields', pairs: [['患者', '张三'], ['数量', '2 盒']] },
        { kind: 'rule' },
        { kind: 'text', text: '口服，一次两粒，一日三次，饭后服用。' },
      ],
    });
    const { text, pages } = await pdfText(pdf);

    expect(pages).toBe(1);
    expect(text).toContain('阿莫西林胶囊 0.25g×24粒');
    expect(text).toContain('患者：张三');
    expect(text).toContain('口服，一次两粒，一日三次，饭后服用。');
  });

  it('refuses a table row with more cells than columns', async () => {
    await expect(
      renderPdf({
        size: 'A5',
        title: 'x',
        blocks: [{ kind: 'table', columns: [{ header: '药品', width: 1 }], rows: [['阿莫西林胶囊', '多余']] }],
      }),
    ).rejects.toThrow(/2 cells for 1 columns/);
  });
});
