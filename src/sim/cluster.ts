// Wires the simulated cluster together: store, engine, controllers, kubelet, faults, metrics.
// The HTTP layer (api/) reads and writes through this; nothing here knows about HTTP.
import { Behaviours } from './behaviour/behaviours.js';
import { FaultManager } from './behaviour/faults.js';
import { DaemonSetController } from './controllers/daemonset.js';
import { DeploymentController } from './controllers/deployment.js';
import { EndpointSliceController } from './controllers/endpointslices.js';
import { GarbageCollector } from './controllers/garbage-collector.js';
import { Kubelet } from './controllers/kubelet.js';
import { NamespaceInitializer } from './controllers/namespace-init.js';
import { NodeLifecycle } from './controllers/node-lifecycle.js';
import { OwnerIndex } from './controllers/owner-index.js';
import { ReplicaSetController } from './controllers/replicaset.js';
import { Scheduler } from './controllers/scheduler.js';
import { StatefulSetController } from './controllers/statefulset.js';
import { SimClock } from './engine/clock.js';
import { Engine } from './engine/engine.js';
import { EventRecorder } from './engine/event-recorder.js';
import { MetricsSource } from './engine/metrics.js';
import { GENERATION_RESOURCES } from './api/resources.js';
import { ObjectStore } from './store/object-store.js';
import { SeededRandom } from './util/random.js';
import { buildScenario } from './scenario/build.js';
import type { Scenario } from './scenario/schema.js';

export interface SimClusterOptions {
  scenario: Scenario;
  start: number;
  anchor: number;
  realtime: boolean;
  seed?: string;
}

const EVENT_SWEEP_MS = 10 * 60_000;
/** advance() hands the event loop back after this many timers so the API stays responsive. */
const ADVANCE_BATCH = 2000;

export class SimCluster {
  readonly store: ObjectStore;
  readonly engine: Engine;
  readonly clock: SimClock;
  readonly events: EventRecorder;
  readonly faults: FaultManager;
  readonly behaviours: Behaviours;
  readonly kubelet: Kubelet;
  readonly scheduler: Scheduler;
  readonly metrics: MetricsSource;
  readonly rng: SeededRandom;
  readonly start: number;
  readonly anchor: number;
  readonly scenarioName: string;
  private advancing = 0;

  constructor(opts: SimClusterOptions) {
    const seed = opts.seed ?? opts.scenario.seed ?? opts.scenario.name;
    this.rng = new SeededRandom(`${seed}/names`);
    const uids = new SeededRandom(`${seed}/uids`);
    this.start = opts.start;
    this.anchor = opts.anchor;
    this.scenarioName = opts.scenario.name;
    this.engine = new Engine(opts.start);
    this.clock = new SimClock(opts.start, opts.realtime);
    this.store = new ObjectStore({
      now: () => this.engine.time,
      newUid: () => uids.uuid(),
      generationResources: GENERATION_RESOURCES,
    });
    this.events = new EventRecorder(this.store, () => this.engine.time);
    this.faults = new FaultManager(this.store, this.engine);
    this.behaviours = new Behaviours(this.store, this.faults, new Map());
    const owners = new OwnerIndex(this.store);
    const deps = {
      store: this.store,
      engine: this.engine,
      events: this.events,
      owners,
      rng: this.rng,
    };
    this.scheduler = new Scheduler(this.store, this.engine, this.events);
    this.kubelet = new Kubelet({
      store: this.store,
      engine: this.engine,
      events: this.events,
      behaviours: this.behaviours,
      faults: this.faults,
    });
    const nodes = new NodeLifecycle(this.store, this.engine, this.events, this.faults);
    this.faults.setHooks({
      podsChanged: (uids2) => this.kubelet.reevaluate(uids2),
      nodeChanged: (name) => {
        nodes.nodeChanged(name);
        this.kubelet.nodeChanged(name);
      },
    });
    this.engine.addController(new NamespaceInitializer(this.store));
    this.engine.addController(new DeploymentController(deps));
    this.engine.addController(new ReplicaSetController(deps));
    this.engine.addController(new StatefulSetController(deps));
    this.engine.addController(new DaemonSetController(deps));
    this.engine.addController(this.scheduler);
    this.engine.addController(this.kubelet);
    this.engine.addController(new GarbageCollector(this.store, this.engine, owners));
    this.engine.addController(new EndpointSliceController(this.store, this.rng));
    this.metrics = new MetricsSource(this.store, this.kubelet, this.behaviours, this.faults);

    this.kubelet.historicalBefore = opts.start - 3_600_000;
    this.events.floor = opts.start - 3_600_000;
    buildScenario(opts.scenario, {
      store: this.store,
      engine: this.engine,
      rng: this.rng,
      behaviours: this.behaviours,
      faults: this.faults,
      start: opts.start,
      anchor: opts.anchor,
    });
    const sweepFrom = opts.start - 2 * 3_600_000;
    const sweep = (): void => {
      this.events.expire();
      this.engine.after(EVENT_SWEEP_MS, sweep);
    };
    this.engine.schedule(sweepFrom, sweep);
    this.engine.schedule(opts.start - 10 * 60_000, () => nodes.startHeartbeats());
  }

  /** Runs the pre-history up to the start time (in batches, yielding to the event loop). */
  async warmUp(): Promise<void> {
    while (!this.engine.runUntil(this.start, ADVANCE_BATCH))
      await new Promise((r) => setImmediate(r));
    // Nobody watched the pre-history: drop it (a watch from before the start gets 410).
    this.store.compact();
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Brings the simulation up to the clock (before every API request and on the ticker). While
   * advance() is under way the API serves the state reached so far instead of blocking.
   */
  catchUp(): void {
    if (this.advancing === 0) this.engine.runUntil(this.clock.now());
  }

  /** The time the API reports: the simulation's own time. */
  apiNow(): number {
    return this.engine.time;
  }

  async advance(ms: number): Promise<void> {
    this.catchUp();
    this.clock.shift(ms);
    this.advancing++;
    try {
      for (;;) {
        const target = this.clock.now();
        if (this.engine.runUntil(target, ADVANCE_BATCH) && this.engine.time >= target) break;
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.advancing--;
    }
    this.catchUp();
  }

  /** Moves the clock forward to an absolute time (only forward). */
  async advanceTo(t: number): Promise<void> {
    const delta = t - this.clock.now();
    if (delta < 0) throw new Error('the sim clock only moves forward');
    await this.advance(delta);
  }
}
