// The slice of @tarojs/taro the services use, backed by memory and a request handler each test installs.

export interface MockRequestOptions {
  url: string
  method?: string
  header?: Record<string, string>
  data?: unknown
}

export interface MockResponse {
  statusCode: number
  data: unknown
}

export type RequestHandler = (options: MockRequestOptions) => MockResponse | Promise<MockResponse>

function missingHandler(options: MockRequestOptions): never {
  throw new Error(`No request handler installed for ${options.method ?? 'GET'} ${options.url}`)
}

const storage = new Map<string, unknown>()
let handler: RequestHandler = missingHandler

export const taroMock = {
  storage,
  /** Every reLaunch/navigateTo target, in order. */
  navigations: [] as string[],
  requests: [] as MockRequestOptions[],
  onRequest(next: RequestHandler) {
    handler = next
  },
  reset() {
    storage.clear()
    taroMock.navigations.length = 0
    taroMock.requests.length = 0
    handler = missingHandler
  }
}

const Taro = {
  request(options: MockRequestOptions): Promise<MockResponse> {
    taroMock.requests.push(options)
    // Asynchronous like the real thing, so concurrent calls really interleave.
    return Promise.resolve().then(() => handler(options))
  },
  // Storage round-trips through a copy, as real storage serialises values.
  getStorageSync(key: string): unknown {
    return storage.has(key) ? structuredClone(storage.get(key)) : ''
  },
  setStorageSync(key: string, value: unknown): void {
    storage.set(key, structuredClone(value))
  },
  removeStorageSync(key: string): void {
    storage.delete(key)
  },
  reLaunch({ url }: { url: string }): Promise<void> {
    taroMock.navigations.push(url)
    return Promise.resolve()
  },
  navigateTo({ url }: { url: string }): Promise<void> {
    taroMock.navigations.push(url)
    return Promise.resolve()
  },
  showToast(): Promise<void> {
    return Promise.resolve()
  }
}

export default Taro
