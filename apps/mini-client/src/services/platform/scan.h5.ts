/** A browser has no scanner here: the page asks for the code shown under the clinic's QR code instead. */
export const CHECK_IN_CODE_TYPED = true

export async function scanCheckInCode(): Promise<string | null> {
  return null
}
