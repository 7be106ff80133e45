import { describe, expect, it } from '@jest/globals'
import type { DepartmentReply, DoctorReply, PatientReply, ScheduleReply, SlotReply } from '@clinic/contracts'
import { backTo, bookingInput, doctorLine, EMPTY_CHOICE, isReachedBefore, stepOf, stepsFor, visitTimeText } from './booking-flow'

const department = { id: 'd', name: '内科' } as DepartmentReply
const doctor = { id: 'doc', name: '王医生', title: '主治医师', specialty: '呼吸系统疾病' } as DoctorReply
const shift = { id: 's', date: '2026-12-03', period: 'AM', startTime: '08:00', endTime: '12:00', slots: [] as SlotReply[] } as ScheduleReply
const slot: SlotReply = { id: 'slot-1', startTime: '09:15', endTime: '09:30', capacity: 3, booked: 1, remaining: 2 }
const slotted = { ...shift, id: 's2', slots: [slot] } as ScheduleReply
const patient = { id: 'p' } as PatientReply
const full = { department, doctor, shift, slot: null, patient }

describe('booking steps', () => {
  it('shows the first step not chosen yet', () => {
    expect(stepOf(EMPTY_CHOICE)).toBe('department')
    expect(stepOf({ ...EMPTY_CHOICE, department })).toBe('doctor')
    expect(stepOf({ ...EMPTY_CHOICE, department, doctor })).toBe('shift')
    expect(stepOf({ department, doctor, shift, slot: null, patient: null })).toBe('patient')
    expect(stepOf(full)).toBe('confirm')
  })

  it('forgets the later choices when going back', () => {
    expect(backTo(full, 'doctor')).toEqual({ department, doctor: null, shift: null, slot: null, patient: null })
    expect(backTo(full, 'shift')).toEqual({ department, doctor, shift: null, slot: null, patient: null })
    expect(backTo(full, 'department')).toEqual(EMPTY_CHOICE)
    expect(stepOf(backTo(full, 'patient'))).toBe('patient')
  })

  it('asks for a time slot only on a shift that has slots', () => {
    expect(stepOf({ department, doctor, shift: slotted, slot: null, patient: null })).toBe('slot')
    expect(stepOf({ department, doctor, shift: slotted, slot, patient: null })).toBe('patient')
    expect(backTo({ department, doctor, shift: slotted, slot, patient }, 'slot')).toEqual({ department, doctor, shift: slotted, slot: null, patient: null })
    expect(stepsFor(full).map((item) => item.step)).not.toContain('slot')
    expect(stepsFor({ ...full, shift: slotted }).map((item) => item.step)).toContain('slot')
  })

  it('sends the chosen slot with the booking', () => {
    expect(bookingInput(full)).toEqual({ patientId: 'p', scheduleId: 's' })
    expect(bookingInput({ ...full, shift: slotted, slot })).toEqual({ patientId: 'p', scheduleId: 's2', slotId: 'slot-1' })
    expect(bookingInput({ ...full, shift: slotted })).toBeNull()
    expect(bookingInput(EMPTY_CHOICE)).toBeNull()
  })

  it('shows the chosen slot as the visit time', () => {
    const now = new Date(2026, 11, 1, 10, 0)
    expect(visitTimeText(shift, null, now)).toBe('12月3日 周四 上午 08:00–12:00')
    expect(visitTimeText(shift, slot, now)).toBe('12月3日 周四 上午 09:15–09:30')
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
