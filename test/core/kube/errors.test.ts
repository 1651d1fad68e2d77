import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors/user-error.js';
import { toKubeUserError } from '../../../src/core/kube/errors.js';
import { getJson } from '../../../src/core/kube/http-json.js';
import { loadKubeConfigFiles } from '../../../src/core/kube/kubeconfig-sources.js';
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '../../support/temp-dir.js';
import { kubeconfigYaml } from './kubeconfig-fixture.js';

const status = (code: number, reason: string, message: string): string =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });

describe('toKubeUserError', () => {
  const tempDir = useTempDir();

  it.each([
    [401, 'cluster-unavailable', /rejected our credentials/],
    [403, 'forbidden', /forbids this.*pods is forbidden/],
    [404, 'not-found', /pods "web-1" not found/],
    [409, 'conflict', /Conflict/],
    [422, 'bad-input', /refused the request/],
    [429, 'unavailable', /throttling/],
    [503, 'cluster-unavailable', /error 503/],
  ])('maps an ApiException %i to %s with the Status message', (code, kind, message) => {
    const body = status(
      code,
      'X',
      code === 403 ? 'pods is forbidden: User "bot" cannot list' : 'pods "web-1" not found',
    );
    const error = toKubeUserError(new ApiException(code, 'boom', body, {}), 'prod', 'reading pods');
    expect(error).toBeInstanceOf(UserError);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('"prod"');
    expect(error.toText()).not.toMatch(/HTTP-Code|Headers|at .*\.js/);
  });

  it('maps a refused connection (a real one) to cluster-unavailable with a fix', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const dir = tempDir();
    const file = join(dir, 'config');
    writeFileSync(file, kubeconfigYaml(`http://127.0.0.1:${port}`));
    const error = await getJson(loadKubeConfigFiles([file]), '/version').catch((e: unknown) => e);
    const mapped = toKubeUserError(error, 'staging');
    expect(mapped.kind).toBe('cluster-unavailable');
    expect(mapped.message).toBe('cluster "staging" is unreachable: connection refused.');
    expect(mapped.hint).toMatch(/server address/);
  });

  it('maps a timeout to cluster-unavailable', async () => {
    const server = createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const dir = tempDir();
    const file = join(dir, 'config');
    writeFileSync(file, kubeconfigYaml(`http://127.0.0.1:${port}`));
    const error = await getJson(loadKubeConfigFiles([file]), '/version', { timeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    server.closeAllConnections();
    server.close();
    const mapped = toKubeUserError(error, 'slow');
    expect(mapped.kind).toBe('cluster-unavailable');
    expect(mapped.message).toMatch(/did not answer in time/);
  });

  it('keeps a UserError as it is', () => {
    const original = new UserError('not-found', 'x');
    expect(toKubeUserError(original, 'a')).toBe(original);
  });
});
