// Fallback for unit tests and the type checker; Taro picks pick-text-file.weapp.ts / pick-text-file.h5.ts when building.
export { pickTextFile, type PickedTextFile } from './pick-text-file.h5'
