import type { DispensingReply } from '@clinic/contracts';
import { renderPdf } from '@clinic/platform';
import { directions } from '@clinic/rules';

/** The dispensing label (用药标签): who, what, how to take it, and from which batch. */
export function dispensingLabel(p: DispensingReply, clinicTime: (iso: string) => string): Promise<Buffer> {
  return renderPdf({
    size: 'LABEL',
    title: `用药标签 ${p.patientName}`,
    blocks: [
      { kind: 'title', text: '用药标签' },
      {
        kind: 'fields',
        pairs: [
          ['患者', p.patientName],
          ['医生', p.doctorName ?? ''],
          ['发药', p.dispensedAt ? clinicTime(p.dispensedAt) : '未发药'],
        ],
      },
      {
        kind: 'table',
        columns: [
          { header: '药品', width: 3 },
          { header: '用法用量', width: 4 },
          { header: '数量', width: 1.4, align: 'right' },
        ],
        rows: p.lines.map((l) => [`${l.name} ${l.spec}${l.batches.length ? `\n批号 ${l.batches.map((b) => b.batchNo).join('、')}` : ''}`, directions(l), `${l.quantity - l.returnedQuantity}${l.unit}`]),
      },
    ],
    footer: '请遵医嘱用药，置于儿童不能接触处',
  });
}
