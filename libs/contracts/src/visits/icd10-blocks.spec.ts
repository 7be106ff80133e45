import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ICD10_BLOCKS, icd10BlockOf } from './icd10-blocks';
import { ICD10_CHAPTERS } from './icd10-chapters';

const TABLE = join(__dirname, '..', '..', '..', '..', 'apps', 'patient-svc', 'assets', 'icd10-cn.tsv');

describe('ICD-10 blocks', () => {
  const rows = readFileSync(TABLE, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
  const categories = [...new Set(rows.map(([code]) => code.slice(0, 3)))];

  it('puts every category of the shipped table in exactly one block, inside its chapter', () => {
    const homeless = categories.filter((c) => ICD10_BLOCKS.filter(([range]) => range.slice(0, 3) <= c && c <= range.slice(4, 7)).length !== 1);
    expect(homeless).toEqual([]);
    const chapterOf = new Map(rows.map(([code, , chapter]) => [code.slice(0, 3), chapter]));
    const astray = categories.filter((c) => {
      const chapter = chapterOf.get(c)!;
      const block = icd10BlockOf(c)![0];
      return !(chapter.slice(0, 3) <= block.slice(0, 3) && block.slice(4, 7) <= chapter.slice(4, 7)) && !chapter.startsWith('V01') && !chapter.startsWith('S00');
    });
    expect(astray).toEqual([]);
  });

  it('has ranges in order that do not overlap, and names every chapter', () => {
    for (let i = 1; i < ICD10_BLOCKS.length - 1; i++) expect(ICD10_BLOCKS[i - 1][0].slice(4, 7) < ICD10_BLOCKS[i][0].slice(0, 3)).toBe(true);
    expect(Object.keys(ICD10_CHAPTERS)).toHaveLength(22);
    expect(rows).toHaveLength(35587);
    expect(icd10BlockOf('J06')).toEqual(['J00-J06', '急性上呼吸道感染']);
  });
});
