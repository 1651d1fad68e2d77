import { describe, expect, it } from 'vitest';
import { BASE64_MASK, isSecretName, MASK, redactObject } from '../../../src/core/policy/redact.js';
import { b64, containsAny, dbSecret, planted, rsaKey, webPod } from './support/fixtures.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const secretValues = [
  b64(planted.password),
  b64(rsaKey),
  planted.password,
  planted.apiKey,
  b64('app'),
];
const podSecrets = [
  planted.password,
  planted.apiKey,
  planted.awsSecret,
  planted.github,
  planted.dbUrlPassword,
  planted.bearer,
  planted.basic,
];

function leaked(value: unknown, secrets: string[]): string[] {
  return containsAny(JSON.stringify(value), secrets);
}

describe('redactObject on Secrets', () => {
  it('masks data and stringData values, keeps keys, masks last-applied', () => {
    const out = redactObject(dbSecret());
    expect(out.data).toEqual({ username: MASK, password: MASK, 'tls.key': MASK });
    expect(out.stringData).toEqual({ extra: MASK });
    expect(out.metadata).toMatchObject({
      name: 'db',
      namespace: 'default',
      annotations: { [LAST_APPLIED]: MASK, team: 'checkout' },
    });
    expect(out.type).toBe('Opaque');
    expect(leaked(out, secretValues)).toEqual([]);
  });

  it('can mask byte fields with base64 of the mask, for clients that decode them', () => {
    const cm = {
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      binaryData: { 'api.key': b64(planted.apiKey), 'logo.png': 'iVBORw0K' },
    };
    const out = redactObject({ kind: 'List', items: [dbSecret(), cm] }, { bytes: 'base64' });
    const [secret, configMap] = out.items as [Record<string, unknown>, Record<string, unknown>];
    expect(Buffer.from(BASE64_MASK, 'base64').toString()).toBe(MASK);
    expect(secret.data).toEqual({
      username: BASE64_MASK,
      password: BASE64_MASK,
      'tls.key': BASE64_MASK,
    });
    expect(secret.stringData).toEqual({ extra: MASK });
    expect(configMap.binaryData).toEqual({ 'api.key': BASE64_MASK, 'logo.png': 'iVBORw0K' });
    expect(redactObject(out, { bytes: 'base64' })).toEqual(out);
    expect(leaked(out, [...secretValues, b64(planted.apiKey)])).toEqual([]);
  });

  it('masks the items of a SecretList, which come without kind', () => {
    const item = dbSecret();
    delete item.kind;
    delete item.apiVersion;
    const out = redactObject({
      kind: 'SecretList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '9' },
      items: [item, item],
    });
    expect(out.items).toHaveLength(2);
    for (const i of out.items as Record<string, unknown>[])
      expect(i.data).toEqual({ username: MASK, password: MASK, 'tls.key': MASK });
    expect(leaked(out, secretValues)).toEqual([]);
  });

  it('masks Secrets in a kind: List and in watch events', () => {
    const list = redactObject({ kind: 'List', apiVersion: 'v1', items: [dbSecret(), webPod()] });
    const event = redactObject({ type: 'MODIFIED', object: dbSecret() });
    expect(leaked(list, [...secretValues, ...podSecrets])).toEqual([]);
    expect(leaked(event, secretValues)).toEqual([]);
    expect(event.type).toBe('MODIFIED');
  });

  it('masks Secrets in Table rows, with or without kind, and secrets inside partial metadata', () => {
    const bare = dbSecret();
    delete bare.kind;
    const partial = {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: (dbSecret() as { metadata: unknown }).metadata,
    };
    const table = {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      columnDefinitions: [
        { name: 'Name', type: 'string' },
        { name: 'Data', type: 'string' },
      ],
      rows: [
        { cells: ['db', 3], object: dbSecret() },
        { cells: ['db2', 3], object: bare },
        { cells: ['db3', 3], object: partial },
      ],
    };
    const out = redactObject(table);
    expect(leaked(out, secretValues)).toEqual([]);
    expect(out.rows[0]?.cells).toEqual(['db', 3]);
    // The last-applied JSON of a partial object is redacted as an object and stays valid JSON.
    const annotations = (
      out.rows[2]?.object as { metadata: { annotations: Record<string, string> } }
    ).metadata.annotations;
    expect(JSON.parse(annotations[LAST_APPLIED] as string)).toMatchObject({
      kind: 'Secret',
      stringData: { password: MASK },
    });
  });
});

describe('redactObject on workloads', () => {
  it('masks secret-named env values and keeps the rest', () => {
    const out = redactObject(webPod()) as ReturnType<typeof webPod>;
    const container = (
      out.spec as { containers: { env: { name: string; value?: string }[]; command: string[] }[] }
    ).containers[0];
    const env = Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toEqual({
      DB_PASSWORD: MASK,
      API_KEY: MASK,
      AWS_SECRET_ACCESS_KEY: MASK,
      GITHUB_TOKEN: MASK,
      DATABASE_URL: `postgres://app:${MASK}@db:5432/shop`,
      LOG_LEVEL: 'debug',
      REPLICA_NAME: 'web-primary',
      DB_USER: undefined,
    });
    expect(container?.env.at(-1)).toEqual({
      name: 'DB_USER',
      valueFrom: { secretKeyRef: { name: 'db', key: 'username' } },
    });
    expect(container?.command).toEqual([
      '/app',
      '--token',
      MASK,
      `--password=${MASK}`,
      '--port',
      '8080',
    ]);
    expect(leaked(out, podSecrets)).toEqual([]);
    expect(out.metadata).toEqual(webPod().metadata);
  });

  it('masks env inside a Deployment template and its last-applied annotation', () => {
    const pod = webPod();
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        annotations: {
          [LAST_APPLIED]: `${JSON.stringify({ kind: 'Deployment', spec: { template: { spec: pod.spec } } })}\n`,
        },
      },
      spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: pod.spec } },
    };
    const out = redactObject(deployment);
    expect(leaked(out, podSecrets)).toEqual([]);
    expect(out.spec.replicas).toBe(2);
    const lastApplied = out.metadata.annotations[LAST_APPLIED];
    expect(lastApplied.endsWith('\n')).toBe(true);
    expect(JSON.parse(lastApplied)).toMatchObject({ kind: 'Deployment' });
  });

  it('masks secret-named ConfigMap keys and secrets inside config text', () => {
    const cm = {
      kind: 'ConfigMap',
      metadata: { name: 'app' },
      data: {
        DB_PASSWORD: planted.password,
        'application.properties': `server.port=8080\nspring.datasource.password=${planted.apiKey}\n`,
        LOG_LEVEL: 'info',
        FEATURE_TOKEN_ENABLED: 'true',
      },
    };
    const out = redactObject(cm);
    expect(out.data).toEqual({
      DB_PASSWORD: MASK,
      'application.properties': `server.port=8080\nspring.datasource.password=${MASK}\n`,
      LOG_LEVEL: 'info',
      FEATURE_TOKEN_ENABLED: 'true',
    });
  });

  it('masks tokens in any string: events, annotations, status', () => {
    const out = redactObject({
      kind: 'Event',
      message: `Failed to pull: Authorization: Bearer ${planted.jwt}`,
      metadata: { annotations: { note: `rotated ${planted.github}` } },
      status: { token: planted.jwt, secretName: 'db' },
    });
    expect(leaked(out, [planted.jwt, planted.github])).toEqual([]);
    expect(out.status.secretName).toBe('db');
  });

  it('keeps references to secrets readable', () => {
    const volumes = {
      volumes: [
        {
          name: 'certs',
          secret: { secretName: 'tls', items: [{ key: 'tls.key', path: 'key.pem' }] },
        },
      ],
      imagePullSecrets: [{ name: 'regcred' }],
      serviceAccountName: 'web',
      automountServiceAccountToken: false,
    };
    expect(redactObject(volumes)).toEqual(volumes);
  });
});

describe('redactObject is safe to call anywhere', () => {
  const inputs: [string, unknown][] = [
    ['secret', dbSecret()],
    ['pod', webPod()],
    ['list', { kind: 'List', items: [dbSecret(), webPod()] }],
    ['scalars', [1, true, null, undefined, 'plain', `password=${planted.password}`]],
  ];
  it.each(inputs)('is idempotent (%s)', (_name, value) => {
    const once = redactObject(value);
    expect(redactObject(once)).toEqual(once);
  });

  it('does not change its input', () => {
    const secret = dbSecret();
    const copy = structuredClone(secret);
    redactObject(secret);
    expect(secret).toEqual(copy);
  });

  it('keeps Dates and class instances', () => {
    class Row {
      constructor(
        readonly name: string,
        readonly password: string,
      ) {}
      label(): string {
        return `row ${this.name}`;
      }
    }
    const when = new Date('2024-05-01T00:00:00Z');
    const out = redactObject({ when, row: new Row('a', planted.password) });
    expect(out.when).toBe(when);
    expect(out.row).toBeInstanceOf(Row);
    expect(out.row.label()).toBe('row a');
    expect(out.row.password).toBe(MASK);
  });

  it('redacts buffers that hold text', () => {
    const out = redactObject({ output: Buffer.from(`DB_PASSWORD=${planted.password}\n`) });
    expect(Buffer.isBuffer(out.output)).toBe(true);
    expect(out.output.toString()).toBe(`DB_PASSWORD=${MASK}\n`);
  });

  it('cuts cycles and masks absurd nesting instead of overflowing the stack', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redactObject(a)).toEqual({ name: 'a', self: MASK });
    let deep: unknown = { password: planted.password };
    for (let i = 0; i < 5_000; i++) deep = [deep];
    expect(JSON.stringify(redactObject(deep))).not.toContain(planted.password);
  });

  it('walks 10,000 pods', () => {
    const pods = Array.from({ length: 10_000 }, () => webPod());
    const out = redactObject({ kind: 'PodList', items: pods });
    expect(leaked(out, podSecrets)).toEqual([]);
  });
});

describe('isSecretName', () => {
  it.each([
    'password',
    'DB_PASSWORD',
    'dbPassword',
    'passwd',
    'MYSQL_ROOT_PASSWORD',
    'api_key',
    'apiKey',
    'APIKEY',
    'x-api-key',
    'token',
    'GITHUB_TOKEN',
    'access_token',
    'client_secret',
    'aws_secret_access_key',
    'SSH_KEY',
    'private_key',
    'privateKey',
    'credentials',
    'GOOGLE_APPLICATION_CREDENTIALS_JSON',
    'Authorization',
    'DB_PASS',
    'secret',
  ])('%s is secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'name',
    'image',
    'secretName',
    'secretKeyRef',
    'passwordSecretRef',
    'SECRET_NAME',
    'PASSWORD_FILE',
    'token_type',
    'tokenExpirationSeconds',
    'AWS_ACCESS_KEY_ID',
    'private_key_id',
    'monkey',
    'keyboard',
    'passport',
    'KEYCLOAK_URL',
    'bypass',
    '',
  ])('%s is not secret', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});
