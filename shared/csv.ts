/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF (LF alone is
 * accepted), fields quoted with double quotes when they contain a comma, a
 * quote, a line break or edge spaces, and quotes inside doubled.
 */

export class CsvSyntaxError extends Error {
  readonly row: number;

  constructor(row: number, message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.row = row;
  }
}

/**
 * Splits CSV text into records of fields. A leading byte order mark, which
 * spreadsheets add to UTF-8 files, is dropped. Row numbers in errors count
 * records from 1, as a spreadsheet numbers its rows.
 */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let index = 0;

  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };

  while (index < source.length) {
    const char = source[index]!;
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
        index += 1;
        const next = source[index];
        if (
          next !== undefined &&
          next !== ',' &&
          next !== '\r' &&
          next !== '\n'
        ) {
          throw new CsvSyntaxError(
            records.length + 1,
            'a closing quote must be followed by a comma or the end of the row',
          );
        }
        continue;
      }
      field += char;
      index += 1;
      continue;
    }

    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      index += 1;
    } else if (char === ',') {
      endField();
      index += 1;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      index += char === '\r' && source[index + 1] === '\n' ? 2 : 1;
    } else {
      field += char;
      fieldStarted = true;
      index += 1;
    }
  }

  if (quoted) {
    throw new CsvSyntaxError(
      records.length + 1,
      'a quoted field is not closed; add the missing double quote',
    );
  }
  if (fieldStarted || record.length > 0) endRecord();
  return records;
}

/** Writes records as CSV with CRLF line ends, quoting only where needed. */
export function formatCsv(records: readonly (readonly string[])[]): string {
  return records
    .map((record) => record.map(quoteField).join(','))
    .join('\r\n')
    .concat('\r\n');
}

function quoteField(value: string): string {
  if (/[",\r\n]/.test(value) || value.trim() !== value) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}
