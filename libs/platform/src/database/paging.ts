import type { PageQuery } from '@clinic/contracts';

/** A page request with its defaults (page 1, 20 rows) and the rows to skip. */
export function paging(q: PageQuery): { page: number; pageSize: number; skip: number } {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  return { page, pageSize, skip: (page - 1) * pageSize };
}
