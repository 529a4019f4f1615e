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
  for (const [file, bytes] of files)
    parts.push(header(`${name}/${file}`, bytes.length, mtime, '0'), bytes, pad(bytes.length));
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

export interface TarEntry {
  path: string;
  type: 'file' | 'directory' | 'other';
  bytes: Buffer;
}

const field = (h: Buffer, offset: number, length: number) => {
  const raw = h.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
};
const octalField = (h: Buffer, offset: number, length: number) => {
  const text = field(h, offset, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new RangeError('not a tar archive (bad number field)');
  return Number.parseInt(text, 8);
};

/**
 * Reads the entries of a ustar archive in memory: what `bundleTar` writes, and what `tar -cf` of the
 * extracted folder writes back (ustar or GNU headers, short names). Nothing is written to disk, so a
 * hostile archive's `../` paths or links cannot land anywhere: the caller only looks at the entries.
 * A checksum that does not add up or an entry running past the end is an error, not a partial read.
 */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const h = archive.subarray(offset, offset + BLOCK);
    if (h.every((b) => b === 0)) return entries;
    const magic = field(h, 257, 6);
    if (!magic.startsWith('ustar')) throw new RangeError('not a tar archive (no ustar header)');
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
    if (sum !== octalField(h, 148, 8)) throw new RangeError('not a tar archive (header checksum mismatch)');
    const size = octalField(h, 124, 12);
    // POSIX ustar ("ustar\0") keeps a path prefix at 345; GNU's header ("ustar  ") keeps times there.
    const prefix = magic === 'ustar' ? field(h, 345, 155) : '';
    const name = field(h, 0, 100);
    const flag = String.fromCharCode(h[156]!);
    const start = offset + BLOCK;
    if (start + size > archive.length) throw new RangeError('tar archive is truncated');
    entries.push({
      path: prefix ? `${prefix}/${name}` : name,
      type: flag === '0' || flag === '\0' ? 'file' : flag === '5' ? 'directory' : 'other',
      bytes: archive.subarray(start, start + size),
    });
    offset = start + size + ((BLOCK - (size % BLOCK)) % BLOCK);
  }
  throw new RangeError('tar archive is truncated (no end-of-archive blocks)');
}
