import { describe, expect, it } from '@jest/globals'
import { diagnosesText, emrSections, rxLineDetail, rxLineTitle, vitalsText } from './visit'

describe('the record read-only', () => {
  it('writes the vitals on one line, blood pressure as a pair', () => {
    expect(vitalsText({ temperature: 37.2, systolic: 120, diastolic: 80, pulse: 76 })).toBe('体温 37.2°C · 血压 120/80 mmHg · 脉搏 76 次/分')
    expect(vitalsText({ weight: 62.5 })).toBe('体重 62.5 kg')
    expect(vitalsText(undefined)).toBe('')
  })

  it('puts the primary diagnosis first', () => {
    expect(diagnosesText([{ code: 'R05.x00', name: '咳嗽' }, { code: 'J06.900', name: '急性上呼吸道感染', primary: true }])).toBe(
      '急性上呼吸道感染（J06.900）、咳嗽（R05.x00）'
    )
  })

  it('lists the filled sections in the order a record is written', () => {
    const sections = emrSections({
      advice: '多饮水',
      chiefComplaint: '咳嗽 3 天',
      pastHistory: '  ',
      vitals: { temperature: 38 },
      diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染', primary: true }],
      followUpDate: '2026-12-03'
    })
    expect(sections.map((section) => section.label)).toEqual(['主诉', '生命体征', '诊断', '处理意见', '复诊日期'])
    expect(emrSections(null)).toEqual([])
  })
})

describe('a prescription line', () => {
  const line = { name: '阿莫西林胶囊', spec: '0.25g*24粒', quantity: 2, unit: '盒', route: '口服', dosage: '0.5g', frequency: 'tid', days: 3 }

  it('reads as drug, directions and, once signed, prices', () => {
    expect(rxLineTitle(line)).toBe('阿莫西林胶囊 0.25g*24粒 × 2 盒')
    expect(rxLineDetail({ ...line, unitPriceFen: 1850, amountFen: 3700 })).toBe('口服 每次0.5g 每日三次 共3天 · ¥18.50/盒 · ¥37.00')
    expect(rxLineDetail({ ...line, unitPriceFen: null, amountFen: null })).toBe('口服 每次0.5g 每日三次 共3天')
  })
})
