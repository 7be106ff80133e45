import { Injectable } from '@nestjs/common';
import { Config, JsonLogger, PeriodicJob } from '@clinic/platform';
import { InsurancePayments } from '../insurance/insurance-payments.service';
import { RefundsService } from '../refunds/refunds.service';
import { WechatPayments } from './wechat-payments.service';

/**
 * Every WECHATPAY_JOB_SECONDS, whatever notifications were lost: pending WeChat payments are queried and expired
 * ones closed, unconfirmed WeChat refunds queried, and unanswered 医保 settlements reversed.
 */
@Injectable()
export class PendingMoneyJob extends PeriodicJob {
  constructor(
    private readonly payments: WechatPayments,
    private readonly refunds: RefundsService,
    private readonly insurance: InsurancePayments,
    config: Config,
    logger: JsonLogger,
  ) {
    super('PendingMoneyJob', config.env.WECHATPAY_JOB_SECONDS, logger);
  }

  protected async work() {
    return { wechatPaymentsChecked: await this.payments.sweep(), wechatRefundsChecked: await this.refunds.sweep(), insuranceReversed: await this.insurance.sweep() };
  }
}
