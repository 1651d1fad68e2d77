import { describe, expect, it } from 'vitest';
import { redactText } from '../../../src/core/policy/redact.js';
import { gcpServiceAccount, planted, rsaKey } from './support/fixtures.js';

// input, the planted values that must disappear, and text that must survive around them.
const leaks: [name: string, input: string, secrets: string[], kept: string[]][] = [
  [
    'bearer token in a log line',
    `10:00:01 GET /api/orders Bearer ${planted.bearer} 200`,
    [planted.bearer],
    ['GET /api/orders', 'Bearer <redacted> 200'],
  ],
  [
    'Authorization header',
    `> Authorization: Bearer ${planted.jwt}\n> Accept: */*`,
    [planted.jwt],
    ['> Authorization: <redacted>\n> Accept: */*'],
  ],
  [
    'basic auth header in a curl line',
    `curl -H 'Authorization: Basic ${planted.basic}' https://api.example.com/`,
    [planted.basic],
    ["-H 'Authorization: <redacted>' https://api.example.com/"],
  ],
  ['JWT alone', `token issued: ${planted.jwt} (expires in 1h)`, [planted.jwt], ['(expires in 1h)']],
  [
    'JWT in JSON',
    JSON.stringify({ id_token: planted.jwt, user: 'bob' }),
    [planted.jwt],
    ['"user":"bob"'],
  ],
  [
    'PEM private key block',
    `key file:\n${rsaKey}\ncert follows`,
    [planted.privateKeyBody, 'PLANTEDsecondLine'],
    ['key file:\n<redacted>\ncert follows'],
  ],
  [
    'PEM key without END line',
    `${rsaKey.split('\n').slice(0, 2).join('\n')}\n...truncated`,
    [planted.privateKeyBody],
    [],
  ],
  [
    'GCP service account JSON',
    gcpServiceAccount,
    [planted.privateKeyBody],
    ['"client_email": "web@shop-prod.iam.gserviceaccount.com"', '"private_key_id": "1234abcd5678"'],
  ],
  [
    'AWS credentials file',
    `[default]\naws_access_key_id = ${planted.awsAccessKey}\naws_secret_access_key = ${planted.awsSecret}\nregion = eu-west-1`,
    [planted.awsAccessKey, planted.awsSecret],
    ['[default]', 'region = eu-west-1'],
  ],
  [
    'AWS session key in text',
    `assumed role with ${planted.awsSessionKey}.`,
    [planted.awsSessionKey],
    ['assumed role with <redacted>.'],
  ],
  [
    'GitHub tokens',
    `cloning with ${planted.github} and ${planted.githubFine}`,
    [planted.github, planted.githubFine],
    ['cloning with'],
  ],
  [
    'Slack tokens',
    `SLACK=${planted.slackBot} app ${planted.slackApp}`,
    [planted.slackBot, planted.slackApp],
    [],
  ],
  [
    'Anthropic key',
    `using key ${planted.anthropic}`,
    [planted.anthropic],
    ['using key <redacted>'],
  ],
  [
    'env dump',
    `HOSTNAME=web-1\nDB_PASSWORD=${planted.password}\nAPI_KEY=${planted.apiKey}\nKUBERNETES_PORT=tcp://10.0.0.1:443\nSECRET_NAME=db-creds\n`,
    [planted.password, planted.apiKey],
    [
      'HOSTNAME=web-1\n',
      'DB_PASSWORD=<redacted>\n',
      'KUBERNETES_PORT=tcp://10.0.0.1:443',
      'SECRET_NAME=db-creds',
    ],
  ],
  [
    'env dump with spaces in the value',
    `PASSWORD=correct horse ${planted.password}`,
    [planted.password],
    ['PASSWORD=<redacted>'],
  ],
  [
    'export line',
    `export GITHUB_TOKEN=${planted.password}`,
    [planted.password],
    ['export GITHUB_TOKEN=<redacted>'],
  ],
  [
    'logfmt',
    `level=info user=bob password=${planted.password} token=${planted.apiKey} msg="login ok"`,
    [planted.password, planted.apiKey],
    ['level=info user=bob password=<redacted> token=<redacted> msg="login ok"'],
  ],
  [
    'YAML',
    `spec:\n  auth:\n    password: ${planted.password}\n    username: app\n`,
    [planted.password],
    ['    password: <redacted>\n    username: app\n'],
  ],
  [
    'YAML block scalar',
    `config:\n  privateKey: |\n    ${planted.privateKeyBody}\n    second line\n  next: 1\n`,
    [planted.privateKeyBody, 'second line'],
    ['  privateKey: |\n    <redacted>\n  next: 1\n'],
  ],
  [
    'JSON with escapes',
    `{"client_secret":"a\\"b${planted.password}","name":"web"}`,
    [planted.password],
    ['{"client_secret":"<redacted>","name":"web"}'],
  ],
  [
    'JSON inside a JSON string',
    `{"msg":"{\\"apiKey\\":\\"${planted.apiKey}\\"}"}`,
    [planted.apiKey],
    ['\\"apiKey\\":\\"<redacted>\\"'],
  ],
  [
    'Java properties',
    `spring.datasource.password=${planted.password}\nserver.port=8080`,
    [planted.password],
    ['server.port=8080'],
  ],
  [
    'URL with credentials',
    `connecting to postgres://app:${planted.dbUrlPassword}@db:5432/shop`,
    [planted.dbUrlPassword],
    ['postgres://app:<redacted>@db:5432/shop'],
  ],
  [
    'command-line flag with a space',
    `/app --token ${planted.bearer} --port 8080`,
    [planted.bearer],
    ['--token <redacted> --port 8080'],
  ],
  [
    'quoted flag value',
    `/app --password "${planted.password} x" -v`,
    [planted.password],
    ['--password "<redacted>" -v'],
  ],
  [
    'query string',
    `GET /cb?code=1&access_token=${planted.apiKey}&state=x`,
    [planted.apiKey],
    ['&state=x'],
  ],
  [
    'kubectl describe pod environment',
    `    Environment:\n      DB_PASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false\n      API_TOKEN:    ${planted.apiKey}\n      MODE:         prod\n`,
    [planted.apiKey],
    [
      "DB_PASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false",
      'API_TOKEN:    <redacted>\n',
      'MODE:         prod',
    ],
  ],
  ['x-api-key header', `x-api-key: ${planted.apiKey}`, [planted.apiKey], ['x-api-key: <redacted>']],
  [
    'cookie header',
    `Cookie: session=${planted.password}; theme=dark`,
    [planted.password],
    ['Cookie: <redacted>'],
  ],
  [
    'Windows line endings',
    `DB_PASSWORD=${planted.password}\r\nNEXT=1\r\n`,
    [planted.password],
    ['DB_PASSWORD=<redacted>\r\nNEXT=1\r\n'],
  ],
];

describe('redactText masks planted secrets', () => {
  it.each(leaks)('%s', (_name, input, secrets, kept) => {
    const out = redactText(input);
    for (const secret of secrets) expect(out).not.toContain(secret);
    expect(out).toContain('<redacted>');
    for (const text of kept) expect(out).toContain(text);
    expect(redactText(out)).toBe(out);
  });
});

const innocent = [
  'Pulled image "nginx:1.27" in 1.2s',
  'Back-off restarting failed container app in pod web-7d9f_shop(1234)',
  'the bearer token expired, refreshing',
  'automountServiceAccountToken: false',
  'secretName: db-creds',
  '      secretKeyRef:\n        name: db\n        key: password\n',
  'matchExpressions:\n- key: app\n  operator: In\n',
  'Data\n====\npassword:  18 bytes\nusername:  3 bytes\n',
  "DB_PASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false",
  'token_type: Bearer',
  'AWS_ACCESS_KEY_ID_FILE=/var/run/aws/key-id',
  'keyboard=us monkey=george passport=none',
  'time=12:30:01 level=info',
  'https://example.com/path?page=2',
  '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----',
  'password:',
  '"password": null',
  '',
];

describe('redactText leaves ordinary text alone', () => {
  it.each(innocent.map((text) => [text]))('%j', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('redactText on large and hostile input', () => {
  it('masks every secret in a megabyte of log lines, and stays idempotent', () => {
    const line = (i: number) =>
      `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO req=${i} user=u${i} path=/api password=${planted.password}${i}\n`;
    const log = Array.from({ length: 12_000 }, (_, i) => line(i)).join('');
    expect(log.length).toBeGreaterThan(1_000_000);
    const out = redactText(log);
    expect(out).not.toContain(planted.password);
    expect(out.split('password=<redacted>').length - 1).toBe(12_000);
    expect(redactText(out)).toBe(out);
  });

  // Inputs built to make a backtracking pattern explode; each finishes in linear time or the
  // test would run into its timeout.
  const hostile: [name: string, text: string][] = [
    ['a megabyte of eyJ', 'eyJ'.repeat(350_000)],
    ['JWT-like segments without an end', 'eyJaaaaaaaaaaa.'.repeat(70_000)],
    ['unclosed key headers', '-----BEGIN PRIVATE KEY-----\n'.repeat(36_000)],
    ['other PEM headers', '-----BEGIN CERTIFICATE-----\n'.repeat(36_000)],
    ['assignment names without values', 'password='.repeat(110_000)],
    ['unclosed quotes', 'password="'.repeat(100_000)],
    ['one long word', 'a'.repeat(1_000_000)],
    ['one long name-like run', 'a_b.c-'.repeat(170_000)],
    ['bearer without token', 'Bearer '.repeat(140_000)],
    ['URL starts', 'http://u:'.repeat(110_000)],
    ['flags without values', '--token '.repeat(125_000)],
    ['colons', 'a:'.repeat(500_000)],
    ['escaped quotes', `password="${'\\"'.repeat(500_000)}`],
    [
      'one JSON line',
      JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ name: `x${i}`, token: `t${i}` }))),
    ],
  ];
  it.each(hostile)('%s', (_name, text) => {
    const out = redactText(text);
    expect(redactText(out)).toBe(out);
    expect(out.length).toBeLessThanOrEqual(text.length + 1_000_000);
  });
});
