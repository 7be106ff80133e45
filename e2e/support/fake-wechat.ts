// The fake WeChat server lives beside the adapter, whose unit tests use it too (an app may not import from e2e).
export * from '../../apps/patient-svc/src/wechat/testing/fake-wechat-server';
