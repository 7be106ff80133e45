import { describe, expect, it } from '@jest/globals'
import type { PatientExportReply } from '@clinic/contracts'
import { exportFileName, exportText } from './export-text'

const reply: PatientExportReply = {
  exportedAt: new Date(2026, 10, 26, 14, 5).toISOString(),
  account: { id: 'acc-1', currentPrivacyVersion: '2026-11', privacyVersion: '2026-11', privacyConsentedAt: '2026-11-26T06:00:00Z', createdAt: '2026-11-26T00:00:00Z' },
  patients: []
}

describe('data export', () => {
  it('is the reply as indented JSON that parses back to the same data', () => {
    const text = exportText(reply)
    expect(JSON.parse(text)).toEqual(reply)
    expect(text).toContain('\n  "account"')
  })

  it('is named after the local time of the export', () => {
    expect(exportFileName(reply)).toBe('clinic-data-20261126-1405.json')
  })
})
