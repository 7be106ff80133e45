import { describe, expect, it } from '@jest/globals'
import type { EncounterReply, PrescriptionReply } from '@clinic/contracts'
import { prescriptionsByEncounter, visitRow } from './visit-view'

const ENCOUNTER: EncounterReply = {
  id: 'e-1',
  patientId: 'p-1',
  patientName: '林小雨',
  doctorId: 'd-1',
  doctorName: '王医生',
  departmentId: null,
  appointmentId: null,
  status: 'FINISHED',
  calledAt: null,
  startedAt: '2026-11-26T02:30:00.000Z',
  finishedAt: null,
  emr: {
    version: 1,
    status: 'SIGNED',
    content: {
      chiefComplaint: '咳嗽 3 天',
      diagnoses: [
        { code: 'R05.x00', name: '咳嗽' },
        { code: 'J06.900', name: '急性上呼吸道感染', primary: true }
      ],
      advice: ' 多饮水 ',
      followUpDate: '2026-12-03'
    },
    signedBy: 'd-1',
    signedByName: '王医生',
    signedAt: '2026-11-26T03:00:00.000Z',
    amendmentReason: null,
    updatedAt: '2026-11-26T03:00:00.000Z'
  }
}

describe('visitRow', () => {
  it('shows the primary diagnosis first, the advice and the follow-up date', () => {
    const row = visitRow(ENCOUNTER)
    expect(row.diagnoses).toBe('急性上呼吸道感染（J06.900）、咳嗽（R05.x00）')
    expect(row.advice).toBe('多饮水')
    expect(row.followUpDate).toBe('2026-12-03')
    expect(row.date).toMatch(/^2026-11-2[67]$/)
  })

  it('copes with an encounter without a record', () => {
    const row = visitRow({ ...ENCOUNTER, emr: null })
    expect(row).toMatchObject({ diagnoses: '', advice: '', followUpDate: '' })
  })
})

describe('prescriptionsByEncounter', () => {
  it('groups by encounter in the order given', () => {
    const rx = (id: string, encounterId: string) => ({ id, encounterId }) as PrescriptionReply
    const grouped = prescriptionsByEncounter([rx('a', 'e-1'), rx('b', 'e-2'), rx('c', 'e-1')])
    expect(grouped['e-1'].map((item) => item.id)).toEqual(['a', 'c'])
    expect(grouped['e-2'].map((item) => item.id)).toEqual(['b'])
  })
})
