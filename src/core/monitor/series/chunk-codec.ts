// Binary layout of one series-hour. Raw: n little-endian uint16 second offsets within the hour,
// then n float32 values (6 bytes a sample). Rollup: 12 five-minute slots of float32 average then
// 12 float32 maximum (96 bytes), NaN where a slot has no sample.

export const HOUR_MS = 3_600_000;
export const SLOT_MS = 300_000;
export const SLOTS_PER_HOUR = HOUR_MS / SLOT_MS;

export interface RawChunk {
  /** Seconds since the start of the hour, ascending, unique. */
  offsets: Uint16Array;
  values: Float32Array;
}

export function encodeRaw(
  offsets: ArrayLike<number>,
  values: ArrayLike<number>,
  count: number,
): Buffer {
  const buffer = Buffer.allocUnsafe(count * 6);
  for (let i = 0; i < count; i++) buffer.writeUInt16LE(offsets[i] as number, i * 2);
  const base = count * 2;
  for (let i = 0; i < count; i++) buffer.writeFloatLE(values[i] as number, base + i * 4);
  return buffer;
}

export function decodeRaw(blob: Uint8Array): RawChunk {
  const buffer = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const count = Math.floor(buffer.length / 6);
  const offsets = new Uint16Array(count);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) offsets[i] = buffer.readUInt16LE(i * 2);
  const base = count * 2;
  for (let i = 0; i < count; i++) values[i] = buffer.readFloatLE(base + i * 4);
  return { offsets, values };
}

export interface Rollup {
  avg: Float32Array;
  max: Float32Array;
}

/** Five-minute average and maximum of one hour of raw samples. */
export function rollupOf(
  offsets: ArrayLike<number>,
  values: ArrayLike<number>,
  count: number,
): Rollup {
  const sum = new Float64Array(SLOTS_PER_HOUR);
  const n = new Uint16Array(SLOTS_PER_HOUR);
  const max = new Float32Array(SLOTS_PER_HOUR).fill(Number.NaN);
  for (let i = 0; i < count; i++) {
    const slot = Math.min(
      SLOTS_PER_HOUR - 1,
      Math.floor(((offsets[i] as number) * 1000) / SLOT_MS),
    );
    const v = values[i] as number;
    sum[slot] = (sum[slot] as number) + v;
    n[slot] = (n[slot] as number) + 1;
    if (Number.isNaN(max[slot]) || v > (max[slot] as number)) max[slot] = v;
  }
  const avg = new Float32Array(SLOTS_PER_HOUR);
  for (let s = 0; s < SLOTS_PER_HOUR; s++)
    avg[s] = n[s] ? (sum[s] as number) / (n[s] as number) : Number.NaN;
  return { avg, max };
}

export function encodeRollup(rollup: Rollup): Buffer {
  const buffer = Buffer.allocUnsafe(SLOTS_PER_HOUR * 8);
  for (let s = 0; s < SLOTS_PER_HOUR; s++) {
    buffer.writeFloatLE(rollup.avg[s] as number, s * 4);
    buffer.writeFloatLE(rollup.max[s] as number, (SLOTS_PER_HOUR + s) * 4);
  }
  return buffer;
}

export function decodeRollup(blob: Uint8Array): Rollup {
  const buffer = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const avg = new Float32Array(SLOTS_PER_HOUR);
  const max = new Float32Array(SLOTS_PER_HOUR);
  for (let s = 0; s < SLOTS_PER_HOUR; s++) {
    avg[s] = buffer.readFloatLE(s * 4);
    max[s] = buffer.readFloatLE((SLOTS_PER_HOUR + s) * 4);
  }
  return { avg, max };
}
