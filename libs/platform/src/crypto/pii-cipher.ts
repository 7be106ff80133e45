import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

// GCM would otherwise accept a tag as short as 4 bytes on decryption, which makes forging one far easier.
const TAG_BYTES = 16;

/**
 * Encrypts identifiers (ID card, phone) at rest with AES-256-GCM. The stored text names the key version
 * ("v1:iv:tag:data", base64 parts) so keys can be rotated: new writes use the active key, old rows still
 * decrypt with theirs. Exact-match search uses a keyed HMAC of the normalised value (a blind index).
 */
export class PiiCipher {
  private readonly keys = new Map<number, Buffer>();

  constructor(
    keyRing: string,
    private readonly activeVersion: number,
    private readonly indexKey: Buffer,
  ) {
    for (const part of keyRing.split(',')) {
      const [v, k] = part.split(':');
      this.keys.set(Number(v), Buffer.from(k, 'base64'));
    }
    if (!this.keys.has(activeVersion)) throw new Error(`no PII key for active version ${activeVersion}`);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeVersion)!, iv, { authTagLength: TAG_BYTES });
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v${this.activeVersion}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${data.toString('base64')}`;
  }

  decrypt(stored: string): string {
    const [, iv, tag, data] = stored.split(':');
    const key = this.keys.get(this.versionOf(stored));
    const tagBytes = Buffer.from(tag ?? '', 'base64');
    if (!key || !iv || tagBytes.length !== TAG_BYTES || data === undefined) throw new Error('unreadable encrypted value');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Key version a stored value was written with, to find rows still on an old key. */
  versionOf(stored: string): number {
    const match = /^v(\d+):/.exec(stored);
    return match ? Number(match[1]) : NaN;
  }

  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value.trim().toUpperCase()).digest('hex');
  }
}
