/**
 * CSV as Excel opens it correctly on every system (`--bom`): a UTF-8 byte-order mark first (without
 * it, Excel on Windows reads UTF-8 as the ANSI code page and Chinese turns to mojibake) and CRLF
 * line ends.
 */
export function excelCsv(text: string): string {
  return `\uFEFF${text.replace(/\r?\n/g, '\r\n')}`;
}
