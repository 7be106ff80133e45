// Fallback used by unit tests and any target without its own file. Taro picks
// api-base.weapp.ts / api-base.h5.ts over this file when building those targets.
export const DEFAULT_API_BASE = ''
