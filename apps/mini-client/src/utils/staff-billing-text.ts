import type { ErrorTextOverrides } from './error-text'

// The cashier's and the owner's refusals in Chinese. Apart from error-text.ts because only staff pages use them:
// imported from staff sub-packages alone, they stay out of the mini-program's main package.

/** 退费 (the cashier's refund dialog). */
export const REFUND_ERROR_TEXT: ErrorTextOverrides = {
  'VALIDATION.FAILED': '请检查退费数量、金额和原因',
  NOT_FOUND: '没有找到该账单',
  'REFUND.NOT_RETURNED': '有已发出的药品尚未退回：请先到药房退药',
  'REFUND.EXCEEDS_PAID': '退费金额超过了已收金额',
  'REFUND.NOT_PAID': '该账单尚未收费，无需退费',
  'REFUND.IDEMPOTENCY_KEY_REUSED': '这笔退费已提交过，请核对账单后再退',
  'REFUND.INSURANCE_WHOLE': '医保结算的账单只能整单退费',
  'PAYMENT.CHANNEL_REFUSED': '退款渠道拒绝了本次请求，请稍后重试'
}

/** 冲正 of a desk payment. */
export const REVERSAL_ERROR_TEXT: ErrorTextOverrides = {
  'VALIDATION.FAILED': '请填写冲正原因',
  NOT_FOUND: '没有找到该笔收款',
  'PAYMENT.ALREADY_REVERSED': '该笔收款已冲正',
  'PAYMENT.NOT_REVERSIBLE': '该笔收款不能冲正：只有未退费的现金、银行卡收款可以冲正，其他请办理退费',
  'PAYMENT.IDEMPOTENCY_KEY_REUSED': '这笔冲正已提交过，请刷新账单后核对'
}

/** 日结. */
export const SETTLEMENT_ERROR_TEXT: ErrorTextOverrides = {
  'VALIDATION.FAILED': '请检查日期和实点现金',
  'SETTLEMENT.DAY_CLOSED': '该日已日结，不能重复日结',
  'SETTLEMENT.DAY_NOT_STARTED': '该日尚未开始营业，不能日结'
}

/** 收入报表 and 对账. */
export const REPORT_ERROR_TEXT: ErrorTextOverrides = {
  'VALIDATION.FAILED': '请检查查询条件',
  'RECONCILIATION.BAD_FILE': '无法识别该文件：请上传微信支付商户平台下载的交易账单（CSV）'
}
