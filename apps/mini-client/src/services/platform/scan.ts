// Fallback for unit tests and the type checker; Taro picks scan.weapp.ts / scan.h5.ts when building.
export { CAN_SCAN_BARCODE, CHECK_IN_CODE_TYPED, scanBarcode, scanCheckInCode } from './scan.h5'
