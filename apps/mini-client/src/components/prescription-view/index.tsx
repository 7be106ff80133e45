import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { PrescriptionReply } from '@clinic/contracts'
import { formatFen } from '../../utils/money'
import { formatDateTime } from '../../utils/time'
import { prescriptionKindLabel, prescriptionStatusLabel, rxLineDetail, rxLineTitle } from '../../utils/visit'
import './index.scss'

interface PrescriptionViewProps {
  prescription: PrescriptionReply
  className?: string
  /** Buttons under the lines (print, cancel). */
  children?: ReactNode
}

/** A prescription as written: kind and status, each line with its directions, prices and the total once signed. */
export default function PrescriptionView({ prescription, className, children }: PrescriptionViewProps) {
  const tone = prescription.status === 'SIGNED' ? 'tag' : prescription.status === 'CANCELLED' ? 'tag tag--muted' : 'tag tag--warning'
  return (
    <View className={className ? `rx-view ${className}` : 'rx-view'}>
      <View className='rx-view-heading'>
        <Text className='rx-view-title'>
          {prescriptionKindLabel(prescription.kind)} · {prescription.doctorName}
        </Text>
        <Text className={`${tone} rx-view-status`}>{prescriptionStatusLabel(prescription.status)}</Text>
      </View>
      {prescription.lines.map((line) => (
        <View key={line.drugId} className='rx-view-line'>
          <Text className='rx-view-line-title'>{rxLineTitle(line)}</Text>
          <Text className='rx-view-line-detail muted'>{rxLineDetail(line)}</Text>
        </View>
      ))}
      {prescription.overLimitReason ? <Text className='rx-view-note muted'>超期理由：{prescription.overLimitReason}</Text> : null}
      {prescription.allergyOverrideReason ? <Text className='rx-view-note muted'>过敏确认：{prescription.allergyOverrideReason}</Text> : null}
      {prescription.totalFen !== null ? (
        <View className='rx-view-total'>
          <Text className='muted'>{prescription.signedAt ? `签署于 ${formatDateTime(prescription.signedAt)}` : ''}</Text>
          <Text className='rx-view-total-value'>合计 {formatFen(prescription.totalFen)}</Text>
        </View>
      ) : null}
      {children}
    </View>
  )
}
