/** A CSV document (RFC 4180, UTF-8 with a byte order mark for spreadsheet programs, CRLF line ends). */
export function csvDocument(lines: string[][]): string {
  const escape = (v: string) => (/[",\n\r;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return "\uFEFF" + lines.map((line) => line.map(escape).join(",")).join("\r\n") + "\r\n";
}
