import type { Database } from '../../store/database.js';
import { SeriesRepo } from '../../store/repos/series.js';
import {
  decodeRollup,
  HOUR_MS,
  rollupOf,
  SLOT_MS,
  SLOTS_PER_HOUR,
  type Rollup,
} from './chunk-codec.js';
import { buffersOf, writeFlush, type SeriesState } from './flush-series.js';
import { gaugeHours, readStepSeries, type SeriesPoint } from './read-series.js';
import { HourBuffer } from './hour-buffer.js';
import { kindOfMetric, parseSeriesKey, seriesKeyString, type SeriesKey } from './series-key.js';

export interface RollupPoint {
  /** Start of the five-minute slot. */
  t: number;
  avg: number;
  max: number;
}

export type { SeriesPoint };

export type SeriesResolution = 'raw' | 'rollup' | 'auto';

export interface SeriesStoreOptions {
  db: Database;
  now: () => Date;
  rawRetentionMs: number;
  rollupRetentionMs: number;
  /** How often open hours are written out (`flushIfDue`). */
  flushIntervalMs: number;
}

// A step series repeats its value at least this often, so retention can drop anything older.
const STEP_HEARTBEAT_MS = 24 * HOUR_MS;

/**
 * Metric series: gauge samples collect in memory per series and hour, step values (limits,
 * restarts, conditions) are kept only when they change, and each flush writes every changed
 * series-hour in one transaction, one row per series and hour. Reads merge the database with
 * memory, so the newest samples are visible before they are flushed.
 */
export class SeriesStore {
  private readonly repo: SeriesRepo;
  private readonly series = new Map<string, SeriesState>();
  private lastFlush: number;
  private lastRetention = 0;
  private recordListeners: Array<(key: SeriesKey, t: number, value: number) => void> = [];
  private exclusive: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: SeriesStoreOptions) {
    this.repo = new SeriesRepo(options.db);
    this.lastFlush = options.now().getTime();
  }

  static async open(options: SeriesStoreOptions): Promise<SeriesStore> {
    const store = new SeriesStore(options);
    await store.loadIds();
    return store;
  }

  /** Sees every gauge sample as it is recorded (the anomaly watch); returns an unsubscribe. */
  onRecord(listener: (key: SeriesKey, t: number, value: number) => void): () => void {
    this.recordListeners.push(listener);
    return () => {
      this.recordListeners = this.recordListeners.filter((l) => l !== listener);
    };
  }

  /** Records a gauge sample (usage). */
  record(key: SeriesKey, t: number, value: number): void {
    for (const listener of this.recordListeners) listener(key, t, value);
    const state = this.state(key);
    const hour = hourOf(t);
    let buffer = state.current;
    if (buffer && buffer.hour !== hour) {
      if (hour < buffer.hour) {
        // A late sample for an hour already closed: rare; it gets its own buffer.
        const closing = (state.closing ??= []);
        buffer =
          closing.find((b) => b.hour === hour) ?? closing[closing.push(new HourBuffer(hour)) - 1];
        buffer?.add(t, value);
        return;
      }
      (state.closing ??= []).push(buffer);
      buffer = undefined;
    }
    if (!buffer) buffer = state.current = new HourBuffer(hour);
    buffer.add(t, value);
  }

  /** Records a step value: stored when it changes (and once a day, so retention keeps it). */
  recordStep(key: SeriesKey, t: number, value: number): void {
    const state = this.state(key);
    if (state.last === value && state.lastAt !== undefined && t - state.lastAt < STEP_HEARTBEAT_MS)
      return;
    state.last = value;
    state.lastAt = t;
    (state.pending ??= []).push(t, value);
  }

  /** Flushes when the flush interval has passed or a finished hour awaits its final write. */
  async flushIfDue(): Promise<boolean> {
    let closing = false;
    for (const s of this.series.values()) if (s.closing?.length) closing = true;
    if (!closing && this.options.now().getTime() - this.lastFlush < this.options.flushIntervalMs)
      return false;
    await this.flush();
    return true;
  }

  /** Writes every changed series-hour in one transaction. */
  flush(): Promise<{ rows: number }> {
    return this.serially(() => this.flushNow());
  }

  /** Drops raw samples and rollups past their retention (at most once an hour unless forced). */
  enforceRetention(force = false): Promise<{ rawDropped: number; deleted: number } | undefined> {
    return this.serially(async () => {
      const now = this.options.now().getTime();
      if (!force && now - this.lastRetention < HOUR_MS) return undefined;
      this.lastRetention = now;
      const result = await this.repo.enforceRetention(
        hourOf(now - this.options.rawRetentionMs),
        hourOf(now - this.options.rollupRetentionMs),
      );
      await this.loadIds();
      return result;
    });
  }

  /**
   * Points of one series between `from` and `to` (ms, inclusive). `auto` reads raw samples when
   * the range lies within the raw retention, else 5-minute averages. A step series returns its
   * changes, starting with the value in force at `from`.
   */
  async readSeries(
    key: SeriesKey,
    from: number,
    to: number,
    resolution: SeriesResolution = 'auto',
  ): Promise<SeriesPoint[]> {
    const state = this.series.get(seriesKeyString(key));
    if (kindOfMetric(key.metric) === 'step')
      return state ? readStepSeries(this.repo, state, from, to) : [];
    const raw =
      resolution === 'raw' ||
      (resolution === 'auto' && from >= this.options.now().getTime() - this.options.rawRetentionMs);
    if (!raw) return (await this.readRollup(key, from, to)).map((p) => ({ t: p.t, v: p.avg }));
    const points: SeriesPoint[] = [];
    for (const [hour, c] of await gaugeHours(this.repo, state, from, to)) {
      for (let i = 0; i < c.offsets.length; i++) {
        const t = hour * HOUR_MS + (c.offsets[i] as number) * 1000;
        if (t >= from && t <= to) points.push({ t, v: c.values[i] as number });
      }
    }
    return points;
  }

  /** Five-minute average and maximum of a gauge between `from` and `to`. */
  async readRollup(key: SeriesKey, from: number, to: number): Promise<RollupPoint[]> {
    const state = this.series.get(seriesKeyString(key));
    if (!state) return [];
    const byHour = new Map<number, Rollup>();
    if (state.id !== undefined) {
      for (const row of await this.repo.read(state.id, hourOf(from), hourOf(to)))
        if (row.rollup) byHour.set(row.hour, decodeRollup(row.rollup));
    }
    for (const b of buffersOf(state)) {
      const c = b.columns();
      if (b.count > 0) byHour.set(b.hour, rollupOf(c.offsets, c.values, c.offsets.length));
    }
    const out: RollupPoint[] = [];
    for (const hour of [...byHour.keys()].sort((a, b) => a - b)) {
      const r = byHour.get(hour) as Rollup;
      for (let s = 0; s < SLOTS_PER_HOUR; s++) {
        const t = hour * HOUR_MS + s * SLOT_MS;
        const avg = r.avg[s] as number;
        if (t > from - SLOT_MS && t <= to && !Number.isNaN(avg))
          out.push({ t, avg, max: r.max[s] as number });
      }
    }
    return out;
  }

  /** Series known for a cluster whose object starts with `objectPrefix` (dashboard pickers). */
  listSeries(cluster: string, objectPrefix = ''): SeriesKey[] {
    const out: SeriesKey[] = [];
    for (const key of this.series.keys()) {
      const parsed = parseSeriesKey(key);
      if (parsed.cluster === cluster && parsed.object.startsWith(objectPrefix)) out.push(parsed);
    }
    return out;
  }

  get seriesCount(): number {
    return this.series.size;
  }

  private state(key: SeriesKey): SeriesState {
    const k = seriesKeyString(key);
    let state = this.series.get(k);
    if (!state) this.series.set(k, (state = { key: k, kind: kindOfMetric(key.metric) }));
    return state;
  }

  private async flushNow(): Promise<{ rows: number }> {
    this.lastFlush = this.options.now().getTime();
    const gauges: Array<{ state: SeriesState; buffer: HourBuffer; version: number }> = [];
    const steps: Array<{ state: SeriesState; points: number[] }> = [];
    for (const state of this.series.values()) {
      for (const buffer of buffersOf(state))
        if (buffer.dirty) gauges.push({ state, buffer, version: buffer.version });
      if (state.pending) {
        steps.push({ state, points: state.pending });
        state.pending = undefined;
      }
    }
    if (gauges.length + steps.length > 0) {
      try {
        await this.options.db.transaction((tx) =>
          writeFlush(tx, this.repo, gauges, steps, (row) => {
            const s = this.series.get(
              seriesKeyString({
                cluster: row.cluster,
                object: row.object,
                metric: row.metric as SeriesKey['metric'],
              }),
            );
            if (s) s.id = row.id;
          }),
        );
      } catch (error) {
        // Nothing was written: the step changes wait for the next flush.
        for (const { state, points } of steps)
          state.pending = [...points, ...(state.pending ?? [])];
        throw error;
      }
      for (const g of gauges) g.buffer.dirty = g.buffer.version !== g.version;
    }
    const nowHour = hourOf(this.options.now().getTime());
    for (const state of this.series.values()) {
      if (state.closing) state.closing = state.closing.filter((b) => b.dirty);
      if (state.closing?.length === 0) delete state.closing;
      // An object that stopped reporting (a deleted pod) must not pin its last hour in memory.
      if (state.current && !state.current.dirty && state.current.hour < nowHour)
        delete state.current;
    }
    return { rows: gauges.length + steps.length };
  }

  private async loadIds(): Promise<void> {
    const rows = await this.repo.loadAll();
    const ids = new Map(
      rows.map((r) => [
        seriesKeyString({
          cluster: r.cluster,
          object: r.object,
          metric: r.metric as SeriesKey['metric'],
        }),
        r,
      ]),
    );
    for (const [k, state] of this.series) {
      state.id = ids.get(k)?.id;
      // Series with nothing in memory and nothing stored any more are forgotten.
      if (state.id === undefined && !state.current && !state.closing && !state.pending)
        this.series.delete(k);
    }
    for (const [k, row] of ids)
      if (!this.series.has(k)) this.series.set(k, { key: k, kind: row.kind, id: row.id });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.exclusive.then(work, work);
    this.exclusive = result.catch(() => undefined);
    return result;
  }
}

function hourOf(t: number): number {
  return Math.floor(t / HOUR_MS);
}
