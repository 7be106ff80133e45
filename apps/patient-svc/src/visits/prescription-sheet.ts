import type { PrescriptionReply } from '@clinic/contracts';
import { renderPdf } from '@clinic/platform';
import { directions, formatFen } from '@clinic/rules';
import type { Patient } from '../patients/patient.entity';

export interface SheetFacts {
  rx: PrescriptionReply;
  patient: Pick<Patient, 'name' | 'gender' | 'birthDate' | 'medicalRecordNo'>;
  diagnoses: string[];
  department: string | null;
  /** The clinic's wall-clock time of an instant, for the sheet. */
  clinicTime: (iso: string) => string;
  clinicDate: string;
}

/** The prescription sheet (处方笺, A5): header, patient, diagnoses, lines with directions, doctor and time. */
export function prescriptionSheet({ rx, patient, diagnoses, department, clinicTime, clinicDate }: SheetFacts): Promise<Buffer> {
  const age = Math.max(0, Number(clinicDate.slice(0, 4)) - Number(patient.birthDate.slice(0, 4)) - (clinicDate.slice(5) < patient.birthDate.slice(5) ? 1 : 0));
  return renderPdf({
    size: 'A5',
    title: `处方笺 ${patient.name}`,
    blocks: [
      { kind: 'title', text: rx.kind === 'EMERGENCY' ? '急诊处方笺' : '普通处方笺' },
      {
        kind: 'fields',
        pairs: [
          ['姓名', patient.name],
          ['性别', patient.gender === 'M' ? '男' : '女'],
          ['年龄', `${age}岁`],
          ['病历号', patient.medicalRecordNo],
          ['科别', department ?? ''],
          ['开具日期', rx.signedAt ? clinicTime(rx.signedAt) : '未签署'],
        ],
      },
      { kind: 'text', text: `临床诊断：${diagnoses.join('；') || '—'}` },
      { kind: 'rule' },
      { kind: 'text', text: 'Rp.', bold: true },
      {
        kind: 'table',
        columns: [
          { header: '药品及规格', width: 4 },
          { header: '用法用量', width: 4 },
          { header: '数量', width: 1.3, align: 'right' },
        ],
        rows: rx.lines.map((l) => [`${l.name}\n${l.spec}`, directions(l), `${l.quantity}${l.unit}`]),
      },
      ...(rx.overLimitReason ? [{ kind: 'text' as const, text: `超量说明：${rx.overLimitReason}` }] : []),
      { kind: 'rule' },
      {
        kind: 'fields',
        pairs: [
          ['医师', rx.doctorName],
          ['金额', rx.totalFen === null ? '' : formatFen(rx.totalFen)],
          ['有效期至', rx.validUntil ? clinicTime(rx.validUntil) : ''],
          ['审核/调配/核对/发药', ''],
        ],
      },
    ],
    footer: '本处方当日有效；超过有效期须经医师更改日期并签名',
  });
}
