// How predictions read to people: "512 Mi", "250m", "2 h 10 m".

export type UsageUnit = 'bytes' | 'cores';

const MI = 2 ** 20;
const GI = 2 ** 30;

/** `512 Mi`, `1.5 Gi`, `900 Ki`: binary units, at most three significant digits. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= GI) return `${round(bytes / GI)} Gi`;
  if (abs >= MI) return `${round(bytes / MI)} Mi`;
  if (abs >= 1024) return `${round(bytes / 1024)} Ki`;
  return `${Math.round(bytes)} B`;
}

/** `250m` below two cores (how requests are written), `3.5 cores` above. */
export function formatCores(cores: number): string {
  if (Math.abs(cores) >= 2) return `${round(cores)} cores`;
  return `${Math.round(cores * 1000)}m`;
}

export function formatUsage(value: number, unit: UsageUnit): string {
  return unit === 'bytes' ? formatBytes(value) : formatCores(value);
}

/** Unit of a usage metric of the series store. */
export function unitOfMetric(metric: string): UsageUnit {
  return metric.startsWith('memory') ? 'bytes' : 'cores';
}

/**
 * A time ahead, as rounded as an estimate deserves: `45 m` under an hour (whole minutes),
 * `2 h 10 m` under a day (5 minutes), `1 d 3 h` beyond.
 */
export function formatEta(ms: number): string {
  if (!Number.isFinite(ms)) return 'never';
  const minutes = Math.max(0, ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${Math.round(minutes)} m`;
  if (minutes < 24 * 60) {
    const five = Math.round(minutes / 5) * 5;
    const h = Math.floor(five / 60);
    const m = five % 60;
    return m === 0 ? `${h} h` : `${h} h ${m} m`;
  }
  const hours = Math.round(minutes / 60);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}

/** `6 h`, `90 m`: a horizon or window as configured. */
export function formatSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} m`;
}

function round(x: number): string {
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return String(Number(x.toFixed(digits)));
}
