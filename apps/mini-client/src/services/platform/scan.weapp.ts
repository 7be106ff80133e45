import Taro from '@tarojs/taro'

/** WeChat has a camera scanner: the patient scans the clinic's check-in QR code. */
export const CHECK_IN_CODE_TYPED = false

/** The text of the scanned QR code; null when the patient closed the scanner. */
export async function scanCheckInCode(): Promise<string | null> {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    return result ? result.trim() : null
  } catch {
    return null
  }
}
