// H5 is served by the gateway itself, so relative URLs reach the API on the same origin.
export const DEFAULT_API_BASE = ''
