import type { EncounterReply, PrescriptionReply } from '@clinic/contracts'
import { formatLocalDate } from '../../utils/time'
import { diagnosesText } from '../../utils/visit'

// The patient's visit records: one row per signed encounter, and its prescriptions beside it.

export interface VisitRow {
  id: string
  patientName: string
  doctorName: string
  /** The local day of the visit, YYYY-MM-DD. */
  date: string
  diagnoses: string
  advice: string
  followUpDate: string
}

/** What the list shows of an encounter (the account sees signed records only). */
export function visitRow(encounter: EncounterReply): VisitRow {
  const content = encounter.emr?.content
  const started = new Date(encounter.startedAt)
  return {
    id: encounter.id,
    patientName: encounter.patientName,
    doctorName: encounter.doctorName,
    date: Number.isNaN(started.getTime()) ? encounter.startedAt.slice(0, 10) : formatLocalDate(started),
    diagnoses: diagnosesText(content?.diagnoses),
    advice: content?.advice?.trim() ?? '',
    followUpDate: content?.followUpDate ?? ''
  }
}

/** Prescriptions by the encounter they were written in, each list in the order given. */
export function prescriptionsByEncounter(prescriptions: readonly PrescriptionReply[]): Record<string, PrescriptionReply[]> {
  const grouped: Record<string, PrescriptionReply[]> = {}
  for (const prescription of prescriptions) (grouped[prescription.encounterId] ??= []).push(prescription)
  return grouped
}
