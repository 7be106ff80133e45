#!/usr/bin/env node
// `npm start`: the whole system. No settings: embedded (SQLite files under data/, services on loopback).
// MYSQL_URL and REDIS_URL: the production topology on that server (run `npm run db:setup` once first).
const { systemEnv, startSystem } = require('./lib/system');

let env, secretsFile;
try {
  ({ env, secretsFile } = systemEnv());
} catch (err) {
  console.error(`[clinic] ${err.message}`);
  process.exit(1);
}
const port = env.PORT || 3000;
let stopping = false;

const system = startSystem({
  env,
  onExit(name, code, signal) {
    if (stopping) return;
    console.error(`[clinic] ${name} exited (${signal ?? code}); stopping the system`);
    stopping = true;
    void system.stop().then(() => process.exit(1));
  },
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    void system.stop(sig).then(() => process.exit(0));
  });
}

console.log(
  `[clinic] ${env.MYSQL_URL ? 'production topology (MySQL + Redis)' : `embedded mode, data in ${env.CLINIC_DATA_DIR}`}; ` +
    `open http://localhost:${port}  (staff user "admin"; its first password is CLINIC_ADMIN_PASSWORD in ${secretsFile} unless you set one)`,
);
