// Planted secrets: each value is unique so a test can grep any output for it.

export const planted = {
  jwt: 'eyJhbGciOiJSUzI1NiIsImtpZCI6IlBMQU5URUQifQ.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoic3lzdGVtOnNlcnZpY2VhY2NvdW50OnNob3A6d2ViIn0.UExBTlRFRC1zaWduYXR1cmUtMDEyMzQ1Njc4OQ',
  awsAccessKey: 'AKIAPLANTED1234567XY',
  awsSessionKey: 'ASIAPLANTED7654321AB',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY',
  github: 'ghp_PLANTEDabcdefghijklmnopqrstuvwxyz0123',
  githubFine: 'github_pat_11PLANTED0abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOP',
  slackBot: 'xoxb-1234567890-PLANTED-abcdefABCDEF',
  slackApp: 'xapp-1-A0PLANTED-1234567890-abcdef',
  anthropic: 'sk-ant-api03-PLANTEDabcdefghijklmnopqrstuvwxyz',
  bearer: 'PLANTEDopaqueBearerToken0123456789',
  basic: 'UExBTlRFRDpodW50ZXIy',
  password: 'hunter2-PLANTED-pw',
  dbUrlPassword: 'PLANTEDurlpass',
  apiKey: 'PLANTED-api-key-value-42',
  privateKeyBody: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQPLANTEDkeyBody',
};

export const rsaKey = [
  '-----BEGIN RSA PRIVATE KEY-----',
  planted.privateKeyBody,
  'q3Jm8PLANTEDsecondLineOfTheKey+/AbCdEf0123456789',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

export const gcpServiceAccount = JSON.stringify(
  {
    type: 'service_account',
    project_id: 'shop-prod',
    private_key_id: '1234abcd5678',
    private_key: `-----BEGIN PRIVATE KEY-----\n${planted.privateKeyBody}\n-----END PRIVATE KEY-----\n`,
    client_email: 'web@shop-prod.iam.gserviceaccount.com',
    client_id: '1122334455',
  },
  null,
  2,
);

export const b64 = (text: string): string => Buffer.from(text).toString('base64');

export function dbSecret(): Record<string, unknown> {
  const data = { username: b64('app'), password: b64(planted.password), 'tls.key': b64(rsaKey) };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: 'db',
      namespace: 'default',
      uid: '5f1b7a4e-0000-4000-8000-000000000001',
      resourceVersion: '101',
      creationTimestamp: '2024-05-01T10:00:00Z',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'db', namespace: 'default' },
          stringData: { password: planted.password },
        }),
        team: 'checkout',
      },
    },
    data,
    stringData: { extra: planted.apiKey },
  };
}

export function webPod(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: '5f1b7a4e-0000-4000-8000-000000000002',
      creationTimestamp: '2024-05-01T10:00:00Z',
      labels: { app: 'web' },
    },
    spec: {
      nodeName: 'node-1',
      containers: [
        {
          name: 'app',
          image: 'shop/web:1.4.2',
          command: [
            '/app',
            '--token',
            planted.bearer,
            `--password=${planted.password}`,
            '--port',
            '8080',
          ],
          env: [
            { name: 'DB_PASSWORD', value: planted.password },
            { name: 'API_KEY', value: planted.apiKey },
            { name: 'AWS_SECRET_ACCESS_KEY', value: planted.awsSecret },
            { name: 'GITHUB_TOKEN', value: planted.github },
            { name: 'DATABASE_URL', value: `postgres://app:${planted.dbUrlPassword}@db:5432/shop` },
            { name: 'LOG_LEVEL', value: 'debug' },
            { name: 'REPLICA_NAME', value: 'web-primary' },
            { name: 'DB_USER', valueFrom: { secretKeyRef: { name: 'db', key: 'username' } } },
          ],
          readinessProbe: {
            httpGet: {
              path: '/ready',
              port: 8080,
              httpHeaders: [{ name: 'Authorization', value: `Basic ${planted.basic}` }],
            },
          },
        },
      ],
    },
    status: { phase: 'Running', podIP: '10.0.0.7' },
  };
}

export function containsAny(text: string, secrets: string[]): string[] {
  return secrets.filter((secret) => text.includes(secret));
}
