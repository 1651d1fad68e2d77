// Whether a variable, field or header name suggests its value is a secret: DB_PASSWORD, apiKey,
// x-auth-token, client_secret. Names that point at a secret rather than hold one (secretName,
// secretKeyRef, PASSWORD_FILE, token_type) are not secret.

/** Found anywhere in the name once separators are removed and letters lower-cased. */
const SECRET_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'credential',
  'apikey',
  'privatekey',
  'accesskey',
  'signingkey',
  'encryptionkey',
  'sessionkey',
  'masterkey',
  'authorization',
  'cookie',
  'connectionstring',
];

/** Whole words only: `SSH_KEY`, `DB_PASS`, but not `monkey` or `passport`. */
const SECRET_WORDS = new Set(['key', 'keys', 'pass', 'pwd', 'pw', 'pat', 'dsn', 'auth', 'private']);

/** A last word that makes the name a reference or a setting, not the secret itself. */
const REFERENCE_WORDS = new Set([
  'name',
  'names',
  'ref',
  'refs',
  'namespace',
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'directory',
  'id',
  'ids',
  'kind',
  'type',
  'url',
  'uri',
  'host',
  'hostname',
  'port',
  'endpoint',
  'domain',
  'enabled',
  'disabled',
  'mode',
  'ttl',
  'expiry',
  'expiration',
  'seconds',
  'timeout',
  'length',
  'size',
  'count',
  'version',
  'format',
  'algorithm',
  'header',
  'field',
  'issuer',
  'audience',
  'lifetime',
  'duration',
  'policy',
  'rotation',
  'location',
]);

/** Cheap first look: most names (image, replicas, namespace) contain none of these. */
const MAYBE_SECRET = /pass|pwd|pw|secret|token|cred|key|priv|auth|dsn|cookie|connection|pat/i;

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

export function isSecretName(name: string): boolean {
  if (name.length === 0 || name.length > 200 || !MAYBE_SECRET.test(name)) return false;
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined || (words.length > 1 && REFERENCE_WORDS.has(last))) return false;
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  const joined = words.join('');
  return SECRET_PARTS.some((part) => joined.includes(part));
}
