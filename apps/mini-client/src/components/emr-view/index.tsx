import { Text, View } from '@tarojs/components'
import type { EmrContentDto } from '@clinic/contracts'
import { emrSections } from '../../utils/visit'
import './index.scss'

interface EmrViewProps {
  content: EmrContentDto | null | undefined
  /** Extra classes on the box, e.g. a test hook. */
  className?: string
  /** Shown when nothing is filled in. */
  empty?: string
}

/** A medical record read-only: each filled section under its label. */
export default function EmrView({ content, className, empty = '病历暂无内容' }: EmrViewProps) {
  const sections = emrSections(content)
  return (
    <View className={className ? `emr-view ${className}` : 'emr-view'}>
      {sections.length ? null : <Text className='muted'>{empty}</Text>}
      {sections.map((section) => (
        <View key={section.key} className={`emr-view-section emr-view-${section.key}`}>
          <Text className='emr-view-label'>{section.label}</Text>
          <Text className='emr-view-value'>{section.value}</Text>
        </View>
      ))}
    </View>
  )
}
