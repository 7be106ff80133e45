import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials of Chinese text, lower case, for searching the way pharmacists and doctors type
 * ("amxl" finds 阿莫西林). Letters and digits outside Chinese are kept; everything else is dropped.
 */
export function pinyinInitials(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Whether a query should be matched against pinyin initials: letters only. */
export function looksLikeInitials(query: string): boolean {
  return /^[a-z]{1,20}$/i.test(query);
}
