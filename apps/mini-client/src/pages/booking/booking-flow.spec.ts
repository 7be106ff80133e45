import { describe, expect, it } from '@jest/globals'
import type { DepartmentReply, DoctorReply, PatientReply, ScheduleReply } from '@clinic/contracts'
import { backTo, doctorLine, EMPTY_CHOICE, isReachedBefore, stepOf } from './booking-flow'

const department = { id: 'd', name: '内科' } as DepartmentReply
const doctor = { id: 'doc', name: '王医生', title: '主治医师', specialty: '呼吸系统疾病' } as DoctorReply
const shift = { id: 's' } as ScheduleReply
const patient = { id: 'p' } as PatientReply
const full = { department, doctor, shift, patient }

describe('booking steps', () => {
  it('shows the first step not chosen yet', () => {
    expect(stepOf(EMPTY_CHOICE)).toBe('department')
    expect(stepOf({ ...EMPTY_CHOICE, department })).toBe('doctor')
    expect(stepOf({ ...EMPTY_CHOICE, department, doctor })).toBe('shift')
    expect(stepOf({ department, doctor, shift, patient: null })).toBe('patient')
    expect(stepOf(full)).toBe('confirm')
  })

  it('forgets the later choices when going back', () => {
    expect(backTo(full, 'doctor')).toEqual({ department, doctor: null, shift: null, patient: null })
    expect(backTo(full, 'shift')).toEqual({ department, doctor, shift: null, patient: null })
    expect(backTo(full, 'department')).toEqual(EMPTY_CHOICE)
    expect(stepOf(backTo(full, 'patient'))).toBe('patient')
  })

  it('lets only the passed steps be tapped', () => {
    expect(isReachedBefore('shift', 'department')).toBe(true)
    expect(isReachedBefore('shift', 'shift')).toBe(false)
    expect(isReachedBefore('shift', 'confirm')).toBe(false)
  })

  it('describes a doctor by title and specialty', () => {
    expect(doctorLine(doctor)).toBe('主治医师 · 擅长：呼吸系统疾病')
    expect(doctorLine({ title: null, specialty: null })).toBe('')
  })
})
