// A self-signed certificate for 127.0.0.1/localhost, built with node:crypto alone (DER by
// hand). kubectl only sends bearer tokens over TLS, so the simulator must speak HTTPS too.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

const tlv = (tag: number, content: Buffer): Buffer => {
  const len = content.length;
  let header: Buffer;
  if (len < 0x80) header = Buffer.from([tag, len]);
  else {
    const bytes: number[] = [];
    for (let n = len; n > 0; n >>= 8) bytes.unshift(n & 0xff);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
};
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const int = (bytes: Buffer): Buffer =>
  tlv(
    0x02,
    bytes[0] !== undefined && bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes,
  );
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bits = (b: Buffer, unused = 0): Buffer =>
  tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const p of parts.slice(2)) {
    const stack: number[] = [p & 0x7f];
    for (let n = p >> 7; n > 0; n >>= 7) stack.unshift((n & 0x7f) | 0x80);
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return d.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

const ext = (id: string, critical: boolean, value: Buffer): Buffer =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

export interface SelfSignedCert {
  certPem: string;
  keyPem: string;
}

export function selfSignedCert(commonName: string, now = new Date()): SelfSignedCert {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = seq(set(seq(oid('2.5.4.3'), utf8(commonName))));
  const sigAlg = seq(oid('1.2.840.10045.4.3.2'));
  const ski = createHash('sha1').update(spki).digest();
  const san = seq(tlv(0x82, Buffer.from('localhost')), tlv(0x87, Buffer.from([127, 0, 0, 1])));
  const extensions = seq(
    ext('2.5.29.19', true, seq(bool(true))),
    ext('2.5.29.15', true, bits(Buffer.from([0x84]), 2)),
    ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
    ext('2.5.29.14', false, octets(ski)),
    ext('2.5.29.17', false, san),
  );
  const serial = randomBytes(16);
  // Positive and minimal in DER: no high bit (no sign padding needed) and no leading zero byte.
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const tbs = seq(
    tlv(0xa0, int(Buffer.from([2]))),
    int(serial),
    sigAlg,
    name,
    seq(
      time(new Date(now.getTime() - 3_600_000)),
      time(new Date(now.getTime() + 365 * 86_400_000)),
    ),
    name,
    spki,
    tlv(0xa3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, sigAlg, bits(signature));
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
