import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Reads `<dataDir>/api-token`, creating it (mode 0600) on first start. */
export function loadOrCreateToken(dataDir: string): string {
  const file = path.join(dataDir, 'api-token');
  try {
    const token = fs.readFileSync(file, 'utf8').trim();
    if (token.length >= 32) {
      fs.chmodSync(file, 0o600);
      return token;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = randomBytes(32).toString('hex');
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${token}\n`, { mode: 0o600, flag: 'w' });
  fs.renameSync(tmp, file);
  return token;
}
