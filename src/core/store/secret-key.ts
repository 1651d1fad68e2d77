import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The key that signs sessions and encrypts stored credentials: AI4K8S_SECRET_KEY when set,
 * otherwise generated once and kept beside the database, readable by its owner only.
 */
export function resolveSecretKey(configured: string | undefined, databasePath: string): string {
  if (configured) return configured;
  const dir = databasePath === ':memory:' ? process.cwd() : dirname(databasePath);
  const file = join(dir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  // 'wx' fails if another process created it first; then we read theirs.
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
  chmodSync(file, 0o600);
  return key;
}
