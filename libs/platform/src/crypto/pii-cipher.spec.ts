import { randomBytes } from 'node:crypto';
import { PiiCipher } from './pii-cipher';

const key1 = randomBytes(32).toString('base64');
const key2 = randomBytes(32).toString('base64');
const indexKey = randomBytes(32);

/** Re-encodes one base64 part of a stored value after changing it. */
function alterPart(stored: string, part: 1 | 2 | 3, change: (bytes: Buffer) => Buffer): string {
  const parts = stored.split(':');
  parts[part] = change(Buffer.from(parts[part], 'base64')).toString('base64');
  return parts.join(':');
}

const flipFirstBit = (b: Buffer) => {
  const copy = Buffer.from(b);
  copy[0] ^= 1;
  return copy;
};

describe('PiiCipher', () => {
  const cipher = new PiiCipher(`1:${key1}`, 1, indexKey);

  it('decrypts what it encrypts', () => {
    for (const plain of ['11010519491231002X', '13800138000', '张三 · 本人', '']) {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    }
  });

  it('never stores the plain value', () => {
    expect(cipher.encrypt('13800138000')).not.toContain('13800138000');
  });

  it('gives two encryptions of one value different texts (random IV) but one blind index', () => {
    const a = cipher.encrypt('13800138000');
    const b = cipher.encrypt('13800138000');
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
    expect(cipher.blindIndex('13800138000')).toBe(cipher.blindIndex('13800138000'));
    expect(cipher.blindIndex('13800138000')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('normalises before indexing, so a search finds the value however it was typed', () => {
    expect(cipher.blindIndex(' 11010519491231002x ')).toBe(cipher.blindIndex('11010519491231002X'));
    expect(cipher.blindIndex('13800138000')).not.toBe(cipher.blindIndex('13800138001'));
  });

  it('gives another blind index under another index key', () => {
    const other = new PiiCipher(`1:${key1}`, 1, randomBytes(32));
    expect(other.blindIndex('13800138000')).not.toBe(cipher.blindIndex('13800138000'));
  });

  describe('key rotation', () => {
    const before = new PiiCipher(`1:${key1}`, 1, indexKey);
    const after = new PiiCipher(`1:${key1},2:${key2}`, 2, indexKey);

    it('still decrypts a value written under key 1 after version 2 becomes active', () => {
      const old = before.encrypt('13800138000');
      expect(old.startsWith('v1:')).toBe(true);
      expect(after.versionOf(old)).toBe(1);
      expect(after.decrypt(old)).toBe('13800138000');
    });

    it('writes new values under version 2, which the old key ring cannot read', () => {
      const fresh = after.encrypt('13800138000');
      expect(fresh.startsWith('v2:')).toBe(true);
      expect(after.versionOf(fresh)).toBe(2);
      expect(after.decrypt(fresh)).toBe('13800138000');
      expect(() => before.decrypt(fresh)).toThrow();
    });

    it('keeps the blind index across rotation (it depends on the index key only)', () => {
      expect(after.blindIndex('13800138000')).toBe(before.blindIndex('13800138000'));
    });

    it('refuses an active version with no key', () => {
      expect(() => new PiiCipher(`1:${key1}`, 2, indexKey)).toThrow(/active version 2/);
    });
  });

  describe('tampering', () => {
    const stored = cipher.encrypt('11010519491231002X');

    it('throws on a changed ciphertext', () => {
      expect(() => cipher.decrypt(alterPart(stored, 3, flipFirstBit))).toThrow();
    });

    it('throws on a changed tag', () => {
      expect(() => cipher.decrypt(alterPart(stored, 2, flipFirstBit))).toThrow();
    });

    it('throws on a changed IV', () => {
      expect(() => cipher.decrypt(alterPart(stored, 1, flipFirstBit))).toThrow();
    });

    it('throws on a truncated tag (a short tag is easier to forge)', () => {
      expect(() => cipher.decrypt(alterPart(stored, 2, (tag) => tag.subarray(0, 4)))).toThrow();
    });

    it('throws on a value written under another key with the same version', () => {
      const impostor = new PiiCipher(`1:${key2}`, 1, indexKey).encrypt('11010519491231002X');
      expect(() => cipher.decrypt(impostor)).toThrow();
    });

    it('throws on malformed stored text', () => {
      for (const bad of ['', 'v1', 'v1:aaaa', 'v1:aaaa:bbbb', `v9:${stored.split(':').slice(1).join(':')}`, stored.slice(1)]) {
        expect(() => cipher.decrypt(bad)).toThrow();
      }
    });
  });
});
