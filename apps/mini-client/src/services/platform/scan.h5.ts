/** A browser has no scanner here: the page asks for the code shown under the clinic's QR code instead. */
export const CHECK_IN_CODE_TYPED = true

/** No camera scanner in a browser: a barcode is typed (or sent by a USB scanner, which types) into the search. */
export const CAN_SCAN_BARCODE = false

export async function scanCheckInCode(): Promise<string | null> {
  return null
}

export async function scanBarcode(): Promise<string | null> {
  return null
}
