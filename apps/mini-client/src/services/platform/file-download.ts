// Fallback for unit tests and the type checker; Taro picks file-download.weapp.ts / file-download.h5.ts when building.
export { DOWNLOAD_ACTION, fetchFile, saveFile, type DownloadedFile } from './file-download.h5'
