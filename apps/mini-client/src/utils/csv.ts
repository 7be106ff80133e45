/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180), quotes doubled. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/**
 * A CSV document with a header row, CRLF line ends and a byte-order mark, so that Excel on a Chinese Windows
 * opens it as UTF-8 rather than GBK.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\ufeff${[header, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`
}
