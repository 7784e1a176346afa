import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export interface RotatingFileOptions {
  /** The folder of the log files, created readable by the owner only. */
  dir: string;
  /** Name of the current file; rotated files get .1, .2, ... (1 is newest). */
  fileName?: string;
  /** Size in bytes at which the current file is rotated. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  maxFiles?: number;
}

export const defaultLogFileName = 'terminal.log';

/**
 * A size-capped log destination for pino. Each line is written with a
 * synchronous write(2), so a line the process logged before a crash is in
 * the file. Before a write would pass maxBytes the file is rotated, so the
 * folder never contains more than about maxBytes × (maxFiles + 1) bytes.
 */
export class RotatingFile {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  private fd: number;
  private size: number;

  constructor(options: RotatingFileOptions) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    this.file = path.join(options.dir, options.fileName ?? defaultLogFileName);
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.maxFiles = options.maxFiles ?? 4;
    this.fd = openSync(this.file, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  write(line: string): boolean {
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    writeSync(this.fd, line);
    this.size += bytes;
    return true;
  }

  /** Paths of the current and rotated files, newest first, that exist. */
  files(): string[] {
    const all = [this.file];
    for (let index = 1; index <= this.maxFiles; index += 1) {
      all.push(`${this.file}.${index}`);
    }
    return all.filter((file) => existsSync(file));
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    rmSync(`${this.file}.${this.maxFiles}`, { force: true });
    for (let index = this.maxFiles - 1; index >= 1; index -= 1) {
      const from = `${this.file}.${index}`;
      if (existsSync(from)) renameSync(from, `${this.file}.${index + 1}`);
    }
    if (this.maxFiles > 0) renameSync(this.file, `${this.file}.1`);
    else rmSync(this.file, { force: true });
    this.fd = openSync(this.file, 'a', 0o600);
    this.size = 0;
  }
}
