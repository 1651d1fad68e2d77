// Kubernetes resource quantities: "250m" CPU, "512Mi" memory, "1.5" cores, "1G" bytes.

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** Parses a quantity into its base unit (cores for CPU, bytes for memory). Throws on junk. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) throw new Error(`invalid quantity "${q}": use e.g. "250m", "1", "512Mi", "2Gi"`);
  const value = Number(m[1]);
  const suffix = m[2] ?? '';
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  if (factor === undefined) throw new Error(`invalid quantity "${q}": unknown suffix "${suffix}"`);
  return value * factor;
}

/** Cores -> "250m" (or "2" for whole cores), the way the API server canonicalises CPU. */
export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes -> "512Mi" / "1Gi" / "1536Ki" (largest exact binary unit), as canonical quantities look. */
export function formatMemory(bytes: number): string {
  const b = Math.round(bytes);
  for (const [suffix, factor] of [
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (b !== 0 && b % factor === 0) return `${b / factor}${suffix}`;
  }
  return String(b);
}

/** metrics-server's CPU form: nanocores. */
export function formatNanoCores(cores: number): string {
  return `${Math.max(0, Math.round(cores * 1e9))}n`;
}

/** metrics-server's memory form: kibibytes. */
export function formatKi(bytes: number): string {
  return `${Math.max(0, Math.round(bytes / 1024))}Ki`;
}
