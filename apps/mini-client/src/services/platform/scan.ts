// Fallback for unit tests and the type checker; Taro picks scan.weapp.ts / scan.h5.ts when building.
export { CHECK_IN_CODE_TYPED, scanCheckInCode } from './scan.h5'
