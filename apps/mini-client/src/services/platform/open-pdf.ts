// Fallback for unit tests and the type checker; Taro picks open-pdf.weapp.ts / open-pdf.h5.ts when building.
export { fetchPdf, showPdf, type PdfFile } from './open-pdf.h5'
