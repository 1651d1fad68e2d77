// Decodes the Kubernetes protobuf envelope ("k8s\0" + runtime.Unknown) of the few object types
// kubectl creates with protobuf, into the JSON shape the rest of the simulator uses.
import { KEEP_ZERO, SCHEMA, type FieldDef } from './protobuf-schema.js';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new Error('truncated varint');
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

function fields(buf: Buffer): Array<{ no: number; wire: number; value: bigint | Buffer }> {
  const r = new Reader(buf);
  const out: Array<{ no: number; wire: number; value: bigint | Buffer }> = [];
  while (!r.done()) {
    const key = Number(r.varint());
    const no = key >> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ no, wire, value: r.varint() });
    else if (wire === 2) out.push({ no, wire, value: r.bytes() });
    else r.skip(wire);
  }
  return out;
}

const toInt = (v: bigint): number => Number(BigInt.asIntN(64, v));

function scalar(def: FieldDef, value: bigint | Buffer): unknown {
  const t = def.type;
  if (t === 'string') return (value as Buffer).toString('utf8');
  if (t === 'bytes') return (value as Buffer).toString('base64');
  if (t === 'int') return toInt(value as bigint);
  if (t === 'bool') return (value as bigint) !== 0n;
  if (t === 'quantity')
    return (
      fields(value as Buffer)
        .find((f) => f.no === 1)
        ?.value?.toString() ?? '0'
    );
  if (t === 'time') {
    const secs = fields(value as Buffer).find((f) => f.no === 1)?.value;
    return typeof secs === 'bigint' && secs !== 0n
      ? new Date(toInt(secs) * 1000).toISOString().replace('.000Z', 'Z')
      : undefined;
  }
  if (t === 'intOrString') {
    const f = fields(value as Buffer);
    const type = f.find((x) => x.no === 1)?.value;
    if (type === 1n)
      return (f.find((x) => x.no === 3)?.value as Buffer | undefined)?.toString('utf8') ?? '';
    const iv = f.find((x) => x.no === 2)?.value;
    return typeof iv === 'bigint' ? toInt(iv) : 0;
  }
  if ('msg' in t) return decodeMessage(t.msg, value as Buffer);
  return undefined;
}

function decodeMessage(type: string, buf: Buffer): Record<string, unknown> {
  const schema = SCHEMA[type] ?? {};
  const out: Record<string, unknown> = {};
  for (const f of fields(buf)) {
    const def = schema[f.no];
    if (!def) continue;
    if (typeof def.type === 'object' && 'map' in def.type) {
      const entry = fields(f.value as Buffer);
      const key =
        (entry.find((e) => e.no === 1)?.value as Buffer | undefined)?.toString('utf8') ?? '';
      const raw = entry.find((e) => e.no === 2)?.value ?? Buffer.alloc(0);
      const valueType = def.type.map;
      const value =
        valueType === 'string'
          ? (raw as Buffer).toString('utf8')
          : scalar({ name: def.name, type: valueType }, raw);
      out[def.name] = {
        ...((out[def.name] as Record<string, unknown> | undefined) ?? {}),
        [key]: value,
      };
      continue;
    }
    const value = scalar(def, f.value);
    if (value === undefined) continue;
    if (def.repeated) out[def.name] = [...((out[def.name] as unknown[] | undefined) ?? []), value];
    else if (value !== '' && value !== false && !(value === 0 && !KEEP_ZERO.has(def.name)))
      out[def.name] = value;
  }
  return out;
}

/** Returns the object as JSON, or throws when the body is not a protobuf envelope we know. */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\u0000')
    throw new Error('missing the k8s protobuf magic');
  const unknown = fields(body.subarray(4));
  const typeMeta = fields(
    (unknown.find((f) => f.no === 1)?.value as Buffer | undefined) ?? Buffer.alloc(0),
  );
  const apiVersion =
    (typeMeta.find((f) => f.no === 1)?.value as Buffer | undefined)?.toString('utf8') ?? '';
  const kind =
    (typeMeta.find((f) => f.no === 2)?.value as Buffer | undefined)?.toString('utf8') ?? '';
  const raw = (unknown.find((f) => f.no === 2)?.value as Buffer | undefined) ?? Buffer.alloc(0);
  if (!SCHEMA[kind])
    throw new Error(`protobuf bodies of kind ${kind || '(none)'} are not supported; send JSON`);
  return { apiVersion, kind, ...decodeMessage(kind, raw) };
}
