/**
 * A bundle as one ustar archive, for downloads: a folder of files inside `name/`. Deterministic like
 * the bundle itself (every mtime is the scan time, owner and mode fixed), so the same scan downloads
 * as the same bytes; `tar -xf` restores the folder that `evidence verify` checks.
 */
const BLOCK = 512;

function header(path: string, size: number, mtime: Date, type: '0' | '5'): Buffer {
  if (Buffer.byteLength(path) > 100) throw new RangeError(`tar path too long: ${path}`);
  const h = Buffer.alloc(BLOCK);
  const put = (value: string, offset: number, length: number) => h.write(value, offset, length, 'utf8');
  const octal = (n: number, length: number) => `${n.toString(8).padStart(length - 1, '0')}\0`;
  put(path, 0, 100);
  put(octal(type === '5' ? 0o755 : 0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12);
  put('        ', 148, 8); // checksum field counts as spaces while summing
  put(type, 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

const pad = (n: number) => Buffer.alloc((BLOCK - (n % BLOCK)) % BLOCK);

export function bundleTar(name: string, files: ReadonlyMap<string, Buffer>, mtime: Date): Buffer {
  const parts: Buffer[] = [header(`${name}/`, 0, mtime, '5')];
  for (const [file, bytes] of files) parts.push(header(`${name}/${file}`, bytes.length, mtime, '0'), bytes, pad(bytes.length));
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}
