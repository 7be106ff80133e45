import { PRIVACY_POLICY_VERSION } from '../../services/privacy'

export interface PolicySection {
  title: string
  paragraphs: string[]
}

/** 隐私政策摘要. Changing what it says means a new PRIVACY_POLICY_VERSION, here and on the server. */
export const POLICY_TITLE = '隐私政策摘要'
export const POLICY_VERSION_TEXT = `版本 ${PRIVACY_POLICY_VERSION}`

export const POLICY_SECTIONS: readonly PolicySection[] = [
  {
    title: '我们收集哪些信息',
    paragraphs: [
      '您本人及您添加的就诊人的：姓名、性别、出生日期、手机号、身份证号，以及过敏史和慢性病情况；选填的地址和紧急联系人。',
      '您的微信账号标识（openid），仅用于识别您的账号，不获取您的微信昵称、头像或好友信息。'
    ]
  },
  {
    title: '为什么收集',
    paragraphs: [
      '用于建立就诊档案、挂号和诊疗：医生需要知道过敏史和慢性病才能安全用药。',
      '不用于广告或营销，不出售，也不提供给诊疗以外的第三方；法律法规另有规定的除外。'
    ]
  },
  {
    title: '我们如何保护',
    paragraphs: [
      '身份证号、手机号等敏感信息加密存储；页面上默认只显示部分号码。',
      '只有为您服务的工作人员按岗位权限查看，每一次查看、修改和导出都会记录日志，供审计。'
    ]
  },
  {
    title: '您的权利',
    paragraphs: [
      '您可以随时在“我的”页面导出您账号下的全部个人信息。',
      '您可以注销账号：注销后您的账号与就诊人的关联即被解除；诊所依法保存的病历等医疗记录不会因此删除。',
      '您可以修改或移除您添加的就诊人信息。'
    ]
  }
]
