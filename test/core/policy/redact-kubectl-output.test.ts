// The real kubectl formats API answers that went through redactObject, as they do in the kubectl
// proxy: no output format can bring a planted secret back. The same commands against unredacted
// answers show the secrets, so the test would notice if redaction stopped working. The proxy
// masks byte fields with BASE64_MASK, because kubectl decodes Secret data as base64.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKubectlCommand } from '../../../src/core/policy/kubectl-guard.js';
import { BASE64_MASK, MASK, redactObject, redactText } from '../../../src/core/policy/redact.js';
import { b64, dbSecret, planted, rsaKey, webPod } from './support/fixtures.js';
import { runKubectl } from './support/run-kubectl.js';
import {
  kubeconfigFor,
  startTinyApiServer,
  type TinyApiServer,
} from './support/tiny-api-server.js';

const saToken = {
  apiVersion: 'v1',
  kind: 'Secret',
  type: 'kubernetes.io/service-account-token',
  metadata: {
    name: 'web-token',
    namespace: 'default',
    annotations: { 'kubernetes.io/service-account.name': 'web' },
  },
  data: {
    token: b64(planted.jwt),
    'ca.crt': b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'),
    namespace: b64('default'),
  },
};

const objects = {
  '/api/v1/namespaces/default/secrets/web-token': saToken,
  '/api/v1/namespaces/default/secrets/db': dbSecret(),
  '/api/v1/namespaces/default/pods/web': webPod(),
};

const secretPlants = [
  planted.password,
  b64(planted.password),
  b64(rsaKey),
  planted.privateKeyBody,
  planted.apiKey,
];
const podPlants = [
  planted.password,
  planted.apiKey,
  planted.awsSecret,
  planted.github,
  planted.dbUrlPassword,
  planted.bearer,
  planted.basic,
];

const commands: [line: string, plants: string[]][] = [
  ['get secret db -o yaml', secretPlants],
  ['get secret db -o json', secretPlants],
  ["get secret db -o jsonpath='{.data.password}'", [b64(planted.password)]],
  ["get secret db -o jsonpath='{.data}'", [b64(planted.password), b64(rsaKey)]],
  [`get secret db -o go-template='{{index .data "password" | base64decode}}'`, [planted.password]],
  [
    "get secret db -o go-template='{{range $k, $v := .data}}{{$k}}={{$v}} {{end}}'",
    [b64(planted.password)],
  ],
  [
    'get secret db -o custom-columns=PW:.data.password,EXTRA:.stringData.extra',
    [b64(planted.password), planted.apiKey],
  ],
  [
    `get secret db -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`,
    [planted.password],
  ],
  ['describe secret web-token', [planted.jwt]],
  ['get secret web-token -o jsonpath={.data.token}', [b64(planted.jwt)]],
  ['get pod web -o yaml', podPlants],
  [
    'get pod web -o jsonpath={.spec.containers[0].env}',
    [planted.password, planted.apiKey, planted.awsSecret, planted.github],
  ],
  ['get pod web -o jsonpath={.spec.containers[0].command}', [planted.bearer, planted.password]],
  ['describe pod web', [planted.password, planted.apiKey, planted.awsSecret, planted.github]],
];

describe('kubectl output of redacted API answers', () => {
  let redacting: TinyApiServer;
  let raw: TinyApiServer;
  const root = mkdtempSync(join(tmpdir(), 'ai4k8s-redact-'));
  const env = (server: TinyApiServer) => {
    const home = mkdtempSync(join(root, 'home-'));
    const kubeconfig = join(home, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigFor(server.url));
    return { HOME: home, KUBECONFIG: kubeconfig };
  };

  beforeAll(async () => {
    redacting = await startTinyApiServer(objects, (body) =>
      redactObject(body, { bytes: 'base64' }),
    );
    raw = await startTinyApiServer(objects, (body) => body);
  });
  afterAll(async () => {
    await Promise.all([redacting?.close(), raw?.close()]);
    rmSync(root, { recursive: true, force: true });
  });

  it.each(commands)('%s', async (line, plants) => {
    const decision = checkKubectlCommand(line);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;

    const unredacted = await runKubectl(decision.argv, env(raw));
    expect(unredacted.stderr).toBe('');
    expect(plants.filter((p) => unredacted.stdout.includes(p))).not.toEqual([]);

    const result = await runKubectl(decision.argv, env(redacting));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(plants.filter((p) => result.stdout.includes(p))).toEqual([]);
    // kubectl's JSON escapes < and > as \u003c and \u003e.
    const masks = [MASK, BASE64_MASK, '\\u003credacted\\u003e'];
    expect(masks.some((mask) => result.stdout.includes(mask))).toBe(true);
    // The registry's text redaction also runs on kubectl's output; it must stay stable.
    const text = redactText(result.stdout);
    expect(redactText(text)).toBe(text);
  });

  it('base64decode in a template gives the mask, not an error', async () => {
    const argv = [
      'get',
      'secret',
      'db',
      '-o',
      'go-template={{index .data "password" | base64decode}}',
    ];
    const result = await runKubectl(argv, env(redacting));
    expect(result).toMatchObject({ code: 0, stdout: MASK });
  });

  it('describe secret shows the keys and sizes, never the values', async () => {
    const result = await runKubectl(['describe', 'secret', 'db'], env(redacting));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/password:\s+10 bytes/);
    expect(result.stdout).toContain('tls.key');
    expect(secretPlants.filter((p) => result.stdout.includes(p))).toEqual([]);
  });
});
