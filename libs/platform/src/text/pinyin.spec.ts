import { looksLikeInitials, pinyinInitials } from './pinyin';

describe('pinyinInitials', () => {
  it('gives the initials of drug and diagnosis names', () => {
    expect(pinyinInitials('阿莫西林胶囊')).toBe('amxljn');
    expect(pinyinInitials('盐酸二甲双胍片')).toBe('ysejsgp');
    expect(pinyinInitials('急性上呼吸道感染')).toBe('jxshxdgr');
  });

  it('keeps Latin letters and digits and drops punctuation', () => {
    expect(pinyinInitials('维生素B6片')).toBe('wssb6p');
    expect(pinyinInitials('头孢克肟（0.1g）')).toBe('tbkw01g');
  });

  it('tells initials from other queries', () => {
    expect(looksLikeInitials('amxl')).toBe(true);
    expect(looksLikeInitials('阿莫')).toBe(false);
    expect(looksLikeInitials('6901234')).toBe(false);
  });
});
