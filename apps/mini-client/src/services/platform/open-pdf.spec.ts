import { afterEach, describe, expect, it } from '@jest/globals'
import Taro from '../../../test/taro-mock'
import { fetchPdf } from './open-pdf.weapp'

// The mini-program's way: a download with the token in the header, the refusal's ErrorBody read from the file.
type WeappTaro = {
  downloadFile?: (options: { url: string; header: Record<string, string> }) => Promise<{ statusCode: number; tempFilePath: string }>
  getFileSystemManager?: () => { readFileSync(path: string, encoding: string): string }
}
const taro = Taro as unknown as WeappTaro

afterEach(() => {
  delete taro.downloadFile
  delete taro.getFileSystemManager
})

describe('weapp fetchPdf', () => {
  it('downloads with the bearer token and hands over the temporary file', async () => {
    const calls: unknown[] = []
    taro.downloadFile = async (options) => {
      calls.push(options)
      return { statusCode: 200, tempFilePath: 'wxfile://tmp/label.pdf' }
    }
    expect(await fetchPdf('https://gateway.test/api/v1/prescriptions/p-1/label.pdf', { Authorization: 'Bearer a-1' })).toEqual({
      status: 200,
      data: 'wxfile://tmp/label.pdf'
    })
    expect(calls).toEqual([{ url: 'https://gateway.test/api/v1/prescriptions/p-1/label.pdf', header: { Authorization: 'Bearer a-1' } }])
  })

  it('reads a refusal out of the downloaded file', async () => {
    taro.downloadFile = async () => ({ statusCode: 409, tempFilePath: 'wxfile://tmp/err' })
    taro.getFileSystemManager = () => ({ readFileSync: () => JSON.stringify({ code: 'PRESCRIPTION.NOT_READY', message: 'not dispensed' }) })
    expect(await fetchPdf('u', {})).toEqual({ status: 409, data: { code: 'PRESCRIPTION.NOT_READY', message: 'not dispensed' } })
  })

  it('gives the status alone when the file cannot be read', async () => {
    taro.downloadFile = async () => ({ statusCode: 502, tempFilePath: '' })
    taro.getFileSystemManager = () => ({
      readFileSync: () => {
        throw new Error('no such file')
      }
    })
    expect(await fetchPdf('u', {})).toEqual({ status: 502, data: '' })
  })
})
