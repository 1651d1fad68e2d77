// Container logs generated on demand from templates: line k of a container instance has a fixed
// time and fixed content (seeded), so `logs --tail`, `--since` and `--previous` agree forever.
import { unitHash } from '../util/random.js';

export interface LogSpec {
  /** Milliseconds between two periodic lines. */
  every: number;
  startup: string[];
  lines: string[];
}

export interface LogInstance {
  key: string;
  startedAt: number;
  /** When the instance stopped; undefined while running. */
  endedAt?: number;
  /** Printed just before the end (the crash reason). */
  finalLines: string[];
  vars: Record<string, string>;
}

export interface LogQuery {
  tailLines?: number;
  sinceMs?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

/** Log rotation keeps this many periodic lines of one instance (kubelet rotates at 10 MiB). */
const MAX_PERIODIC_LINES = 20_000;
const PATHS = [
  '/api/products',
  '/api/cart',
  '/api/checkout',
  '/healthz',
  '/api/users/me',
  '/api/orders',
  '/metrics',
  '/',
];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'GET', 'PUT'];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

function fill(
  template: string,
  key: string,
  k: number,
  vars: Record<string, string>,
  t: number,
): string {
  const d = new Date(t);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const u = unitHash(key, k, name);
    switch (name) {
      case 'ms':
        return String(Math.round(2 + u * u * 400));
      case 'status':
        return u < 0.96 ? '200' : u < 0.985 ? '404' : '500';
      case 'ip':
        return `10.244.${Math.floor(u * 8)}.${Math.floor(unitHash(key, k, 'ip2') * 250) + 2}`;
      case 'id':
        return Math.floor(u * 0xffffffff)
          .toString(16)
          .padStart(8, '0');
      case 'n':
        return String(Math.floor(u * 100) + 1);
      case 'bytes':
        return String(Math.floor(200 + u * 20_000));
      case 'path':
        return PATHS[Math.floor(u * PATHS.length)] ?? '/';
      case 'method':
        return METHODS[Math.floor(u * METHODS.length)] ?? 'GET';
      case 'clf':
        return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
      case 'ts':
        return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'iso':
        return d.toISOString();
      case 'level':
        return u < 0.9 ? 'info' : u < 0.98 ? 'warn' : 'error';
      default:
        return vars[name] ?? whole;
    }
  });
}

interface Line {
  t: number;
  text: string;
}

/** RFC 3339 with nanoseconds, as `--timestamps` prints. */
function nanoStamp(t: number): string {
  return new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export function renderLogs(spec: LogSpec, inst: LogInstance, now: number, q: LogQuery): string {
  const end = Math.min(inst.endedAt ?? now, now);
  const periodicStart = inst.startedAt + spec.every;
  const periodicCount =
    spec.lines.length === 0 || end < periodicStart
      ? 0
      : Math.floor((end - periodicStart) / spec.every) + 1;
  const firstPeriodic = Math.max(0, periodicCount - MAX_PERIODIC_LINES);
  const startup = spec.startup
    .map((text, i) => ({ t: inst.startedAt + i * 37, text }))
    .filter((l) => l.t <= end);
  const finals =
    inst.endedAt !== undefined && inst.endedAt <= now
      ? inst.finalLines.map((text, i) => ({
          t: inst.endedAt! - (inst.finalLines.length - i) * 5,
          text,
        }))
      : [];
  const total = startup.length + (periodicCount - firstPeriodic) + finals.length;
  let from = 0;
  if (q.tailLines !== undefined) from = Math.max(0, total - q.tailLines);
  const lines: Line[] = [];
  for (let i = from; i < total; i++) {
    if (i < startup.length) {
      const l = startup[i];
      if (l) lines.push({ t: l.t, text: fill(l.text, inst.key, -1 - i, inst.vars, l.t) });
    } else if (i < startup.length + periodicCount - firstPeriodic) {
      const k = firstPeriodic + (i - startup.length);
      const template =
        spec.lines[Math.floor(unitHash(inst.key, k, 'line') * spec.lines.length)] ?? '';
      const t = periodicStart + k * spec.every;
      lines.push({ t, text: fill(template, inst.key, k, inst.vars, t) });
    } else {
      const l = finals[i - startup.length - (periodicCount - firstPeriodic)];
      if (l) lines.push({ t: l.t, text: fill(l.text, inst.key, 1e9 + i, inst.vars, l.t) });
    }
  }
  const since = q.sinceMs;
  let out = '';
  for (const l of lines) {
    if (since !== undefined && l.t < since) continue;
    out += q.timestamps ? `${nanoStamp(l.t)} ${l.text}\n` : `${l.text}\n`;
  }
  if (q.limitBytes !== undefined && Buffer.byteLength(out) > q.limitBytes) {
    out = Buffer.from(out).subarray(0, q.limitBytes).toString();
  }
  return out;
}

/** Templates for images a scenario does not describe, by what the image looks like. */
export function defaultLogSpec(image: string): LogSpec {
  const name = image.split('/').pop()?.split(/[:@]/)[0] ?? image;
  if (name.includes('nginx')) {
    return {
      every: 4000,
      startup: [
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        '{ts} [notice] 1#1: nginx/1.27.3',
        '{ts} [notice] 1#1: start worker processes',
      ],
      lines: ['{ip} - - [{clf}] "{method} {path} HTTP/1.1" {status} {bytes} "-" "Mozilla/5.0"'],
    };
  }
  if (name.includes('redis')) {
    return {
      every: 60_000,
      startup: [
        '1:C * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
        '1:M * Server initialized',
        '1:M * Ready to accept connections tcp',
      ],
      lines: [
        '1:M * 100 changes in 300 seconds. Saving...',
        '1:M * Background saving terminated with success',
      ],
    };
  }
  if (name.includes('postgres')) {
    return {
      every: 300_000,
      startup: [
        'LOG:  starting PostgreSQL 16.4 on x86_64-pc-linux-gnu',
        'LOG:  listening on IPv4 address "0.0.0.0", port 5432',
        'LOG:  database system is ready to accept connections',
      ],
      lines: ['LOG:  checkpoint starting: time', 'LOG:  checkpoint complete: wrote {n} buffers'],
    };
  }
  if (name.includes('busybox') || name.includes('alpine')) {
    return { every: 3_600_000, startup: [], lines: [] };
  }
  return {
    every: 5000,
    startup: [
      '{"level":"info","msg":"starting {container}","version":"1.4.2"}',
      '{"level":"info","msg":"listening","port":8080}',
    ],
    lines: [
      '{"level":"{level}","msg":"request handled","method":"{method}","path":"{path}","status":{status},"duration_ms":{ms}}',
    ],
  };
}
