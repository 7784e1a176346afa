/**
 * A minimal ustar writer and reader for the diagnostics archive: regular
 * files only, names under 100 bytes, no links or long-name extensions.
 * Layout per POSIX ustar: a 512-byte header per file, the data padded to
 * 512 bytes, and two zero blocks at the end.
 */
export interface TarEntry {
  name: string;
  data: Buffer;
  /** Modification time; defaults to now. */
  mtime?: Date;
}

const block = 512;

export function writeTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(headerFor(entry));
    parts.push(entry.data);
    const padding = (block - (entry.data.length % block)) % block;
    if (padding > 0) parts.push(Buffer.alloc(padding));
  }
  parts.push(Buffer.alloc(block * 2));
  return Buffer.concat(parts);
}

function headerFor(entry: TarEntry): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  if (name.length === 0 || name.length >= 100) {
    throw new RangeError(
      `Archive entry name "${entry.name}" must be 1 to 99 bytes long.`,
    );
  }
  const header = Buffer.alloc(block);
  name.copy(header, 0);
  writeOctal(header, 100, 8, 0o600);
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  writeOctal(header, 124, 12, entry.data.length);
  const mtime = Math.floor((entry.mtime ?? new Date()).getTime() / 1000);
  writeOctal(header, 136, 12, mtime);
  header.fill(' ', 148, 156);
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write('galley', 265, 'ascii');
  header.write('galley', 297, 'ascii');

  let checksum = 0;
  for (const byte of header) checksum += byte;
  header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

/** Writes a zero-padded octal number and its NUL terminator. */
function writeOctal(
  header: Buffer,
  offset: number,
  length: number,
  value: number,
): void {
  const text = value.toString(8).padStart(length - 1, '0');
  if (text.length > length - 1) {
    throw new RangeError(`${value} does not fit a ${length}-byte tar field.`);
  }
  header.write(`${text}\0`, offset, 'ascii');
}

/** Reads the regular files of a ustar archive that writeTar wrote. */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + block <= archive.length) {
    const header = archive.subarray(offset, offset + block);
    if (header.every((byte) => byte === 0)) break;

    const name = cString(header.subarray(0, 100));
    const size = parseInt(cString(header.subarray(124, 136)), 8);
    const mtime = parseInt(cString(header.subarray(136, 148)), 8);
    const start = offset + block;
    entries.push({
      name,
      data: Buffer.from(archive.subarray(start, start + size)),
      mtime: new Date(mtime * 1000),
    });
    offset = start + Math.ceil(size / block) * block;
  }
  return entries;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}
