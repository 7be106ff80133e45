// The fakes of WeChat Pay and the 医保 platform live beside their adapters (an app may not import from e2e).
export * from '../../apps/billing-svc/src/wechatpay/testing/fake-wechatpay-server';
export * from '../../apps/billing-svc/src/insurance/testing/fake-insurance-server';
