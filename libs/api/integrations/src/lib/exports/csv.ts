/** UTF-8 byte order mark: Excel reads the file as UTF-8 only when it starts with one. */
export const UTF8_BOM = '\uFEFF';

/** Characters that make a spreadsheet read a cell as a formula (or a command: tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180), safe to open in a spreadsheet: text that would start a formula
 * (`=`, `+`, `-`, `@`, tab, carriage return) is prefixed with `'`, which spreadsheets show as
 * text and never evaluate; a field holding a comma, a quote, CR or LF is quoted, its quotes
 * doubled. Numbers are written as they are (a negative number is not text a user typed).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvRecord(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Minor units (cents) as a decimal amount with two places, as the apps show prices. */
export const money = (minor: number | null): string | null =>
  minor === null ? null : (minor / 100).toFixed(2);

/** A timestamp as ISO 8601 in UTC (what spreadsheets and scripts parse alike). */
export const isoTime = (at: Date | string | null): string | null =>
  at === null ? null : new Date(at).toISOString();
