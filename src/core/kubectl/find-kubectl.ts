import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Which kubectl to run: the configured path, else the one `npm run setup` unpacks into the
 * package's `.tools/bin`, else `kubectl` from PATH.
 */
export function findKubectl(configured: string | undefined, from = import.meta.dirname): string {
  if (configured) return configured;
  const root = packageRoot(from);
  const bundled = root && join(root, '.tools', 'bin', 'kubectl');
  return bundled && existsSync(bundled) ? bundled : 'kubectl';
}

/** The nearest directory above `from` whose package.json is ours (works from src/ and dist/). */
function packageRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readName(manifest) === 'ai4k8s') return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function readName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
