// Runs once before the suite: makes sure the real kubectl is unpacked, so no test can skip for
// lack of it. Redis for the BullMQ tests is started by those tests themselves (test/support).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  if (!existsSync(join(root, '.tools', 'bin', 'kubectl'))) {
    execFileSync(process.execPath, [join(root, 'scripts', 'setup.mjs'), '--quiet'], {
      stdio: 'inherit',
    });
  }
}
