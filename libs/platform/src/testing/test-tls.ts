import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Test-only: the local fakes of WeChat's hosts serve real TLS with a throw-away CA made here.

const run = promisify(execFile);

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('fake WeChat needs the openssl command line tool to make its certificate (apt-get install -y openssl)');
    }
    throw err;
  }
}

/** A CA and a server certificate for 127.0.0.1 and localhost, valid for a day. */
export async function makeCertificates(dir: string): Promise<{ caFile: string; caPem: string; key: string; cert: string }> {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(
    ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=Fake WeChat test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  await openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'], dir);
  await writeFile(
    join(dir, 'server.ext'),
    ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth', 'subjectAltName=IP:127.0.0.1,DNS:localhost', ''].join('\n'),
  );
  await openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'server.ext'],
    dir,
  );
  const [caPem, key, cert] = await Promise.all(['ca.pem', 'server.key', 'server.pem'].map((f) => readFile(join(dir, f), 'utf8')));
  return { caFile: join(dir, 'ca.pem'), caPem, key, cert };
}

