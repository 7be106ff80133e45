import Taro from '@tarojs/taro'

/** WeChat has a camera scanner: the patient scans the clinic's check-in QR code. */
export const CHECK_IN_CODE_TYPED = false

/** The pharmacy can scan a drug's barcode instead of typing a search. */
export const CAN_SCAN_BARCODE = true

/** The text of the scanned code; null when the scanner was closed. */
async function scan(scanType: 'qrCode' | 'barCode'): Promise<string | null> {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: [scanType] })
    return result ? result.trim() : null
  } catch {
    return null
  }
}

/** The text of the scanned QR code; null when the patient closed the scanner. */
export function scanCheckInCode(): Promise<string | null> {
  return scan('qrCode')
}

/** The digits of a drug's barcode (EAN-13 on the box); null when the scanner was closed. */
export function scanBarcode(): Promise<string | null> {
  return scan('barCode')
}
