/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break. A cell that a
 * spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return) gets a
 * leading `'`, so an actor label or target chosen by someone else cannot become a formula on an
 * auditor's machine (OWASP "CSV injection").
 */
export function csvCell(value: unknown): string {
  let s =
    value == null
      ? ''
      : typeof value === 'string'
        ? value
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line, CRLF-terminated. */
export const csvRow = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;
