import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with associated data. Layout: [format 1 byte][key version 4 bytes][iv 12][tag 16][ciphertext].
 * The associated data binds a ciphertext to its tenant and purpose, so a blob copied to another row
 * or tenant fails to open.
 */
const FORMAT = 1;

export function seal(key: Buffer, keyVersion: number, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const header = Buffer.alloc(5);
  header.writeUInt8(FORMAT, 0);
  header.writeUInt32BE(keyVersion, 1);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ct]);
}

export function keyVersionOf(blob: Buffer): number {
  if (blob.length < 33 || blob.readUInt8(0) !== FORMAT) throw new Error('Not a sealed value');
  return blob.readUInt32BE(1);
}

export function open(key: Buffer, blob: Buffer, aad: string): Buffer {
  keyVersionOf(blob);
  const iv = blob.subarray(5, 17);
  const tag = blob.subarray(17, 33);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(blob.subarray(33)), decipher.final()]);
}
