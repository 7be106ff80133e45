import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ICD10_CHAPTERS, icd10BlockOf, type IcdCodeReply, type IcdQuery } from '@clinic/contracts';
import { likeContains, likePrefix, looksLikeInitials } from '@clinic/platform';
import { Repository } from 'typeorm';
import { Icd10Code } from './visit.entities';

/** Search of the ICD-10 table: by code prefix, by words of the name, or by pinyin initials. */
@Injectable()
export class Icd10Service {
  constructor(@InjectRepository(Icd10Code) private readonly codes: Repository<Icd10Code>) {}

  async search(q: IcdQuery): Promise<IcdCodeReply[]> {
    const text = q.query.trim();
    const limit = q.limit ?? 20;
    const qb = this.codes.createQueryBuilder('c');
    if (/^[A-Za-z]\d/.test(text)) {
      qb.where("c.code LIKE :code ESCAPE '!'", { code: likePrefix(text.toUpperCase()) });
    } else if (looksLikeInitials(text)) {
      qb.where("c.py LIKE :py ESCAPE '!'", { py: likeContains(text.toLowerCase()) });
    } else {
      qb.where("c.name LIKE :name ESCAPE '!'", { name: likeContains(text) });
    }
    // The category's own code (J06.900) before its sub-codes (J06.900x001), then the shortest names: the common diagnosis first.
    const rows = await qb.orderBy('LENGTH(c.code)', 'ASC').addOrderBy('LENGTH(c.name)', 'ASC').addOrderBy('c.code', 'ASC').limit(limit).getMany();
    return rows.map((r) => {
      const [block, blockName] = icd10BlockOf(r.category) ?? ['', ''];
      return { code: r.code, name: r.name, chapter: r.chapter, chapterName: ICD10_CHAPTERS[r.chapter] ?? '', block, blockName };
    });
  }

  /** The codes that exist, of those given. */
  async known(codes: string[]): Promise<Set<string>> {
    if (!codes.length) return new Set();
    return new Set((await this.codes.createQueryBuilder('c').select('c.code').where('c.code IN (:...codes)', { codes }).getMany()).map((c) => c.code));
  }
}
