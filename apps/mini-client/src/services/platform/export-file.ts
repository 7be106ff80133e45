// Fallback for unit tests and the type checker; Taro picks export-file.weapp.ts / export-file.h5.ts when building.
export { CSV_EXPORT_LABEL, EXPORT_ACTION_LABEL, offerExport } from './export-file.weapp'
