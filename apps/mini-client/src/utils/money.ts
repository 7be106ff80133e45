// Money helpers live in libs/rules so the server's printed documents format fen the same way.
import { formatFen } from '@clinic/rules'

export { formatFen, parseYuan } from '@clinic/rules'

/** The yuan text of an amount of fen for an input field: 1550 → "15.50". */
export function fenToYuanText(fen: number): string {
  return formatFen(fen).replace('¥', '')
}

/**
 * Money going out (refunds, reversals) as "-¥12.50" whichever sign the figure arrives with: reports give these as
 * amounts, the journal as negative entries. Zero stays "¥0.00".
 */
export function formatOutFen(fen: number): string {
  return fen === 0 ? formatFen(0) : `-${formatFen(Math.abs(fen))}`
}
