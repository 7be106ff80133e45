// Integration tests boot processes and wait on real time windows; per-project testTimeout is not honoured.
jest.setTimeout(180_000);
