const binary: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const decimal: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** A Kubernetes quantity (`250m`, `1.5`, `128Mi`, `2G`, `1e3`) as a number of base units; undefined if unreadable. */
export function parseQuantity(text: string | number | undefined | null): number | undefined {
  if (text === undefined || text === null) return undefined;
  if (typeof text === 'number') return text;
  const m =
    /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(
      text.trim(),
    );
  if (!m) return undefined;
  const number = Number(m[1]) * (m[2] ? Number(`1${m[2]}`) : 1);
  const suffix = m[3] ?? '';
  return number * (binary[suffix] ?? decimal[suffix] ?? 1);
}

/** CPU cores as kubectl top prints them: millicores (`250m`), or cores for 10 and more. */
export function formatCpu(cores: number | undefined): string {
  if (cores === undefined) return '-';
  const milli = Math.round(cores * 1000);
  return milli >= 10_000 && milli % 1000 === 0 ? `${milli / 1000}` : `${milli}m`;
}

/** Bytes as kubectl top prints them: Mi, or Gi above 10 Gi (`512Mi`, `14Gi`). */
export function formatMemory(bytes: number | undefined): string {
  if (bytes === undefined) return '-';
  if (bytes >= 10 * 2 ** 30) return `${Math.round(bytes / 2 ** 30)}Gi`;
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)}Mi`;
  if (bytes >= 2 ** 10) return `${Math.round(bytes / 2 ** 10)}Ki`;
  return `${Math.round(bytes)}`;
}

/** `used` as a whole percentage of `total`, or `-` when there is no total to compare with. */
export function formatPercent(used: number | undefined, total: number | undefined): string {
  if (used === undefined || total === undefined || total <= 0) return '-';
  return `${Math.round((used / total) * 100)}%`;
}

/** Whole or fractional cores for capacities (`4`, `3.5`). */
export function formatCores(cores: number | undefined): string {
  if (cores === undefined) return '-';
  return `${Math.round(cores * 100) / 100}`;
}
