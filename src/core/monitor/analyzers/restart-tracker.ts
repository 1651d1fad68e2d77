interface ContainerRestarts {
  count: number;
  times: number[];
}

/**
 * Remembers when containers restarted, as seen through watch events, to find restart bursts.
 * Restarts of a container in a crash loop or OOM loop are not counted: those have their own
 * incident, and counting them would raise a second one as the loop ends.
 */
export class RestartTracker {
  private readonly pods = new Map<string, Map<string, ContainerRestarts>>();

  /** Records a container's restart count; returns how many new restarts were counted. */
  observe(
    podUid: string,
    container: string,
    restartCount: number,
    now: number,
    explained: boolean,
  ): number {
    let containers = this.pods.get(podUid);
    if (!containers) this.pods.set(podUid, (containers = new Map()));
    const state = containers.get(container);
    // The first sight of a container tells nothing about when its restarts happened.
    if (!state) {
      containers.set(container, { count: restartCount, times: [] });
      return 0;
    }
    const added = restartCount - state.count;
    state.count = restartCount;
    if (added <= 0 || explained) return 0;
    for (let i = 0; i < added; i++) state.times.push(now);
    return added;
  }

  /** Restarts counted within `windowMs` before `now`, and when the oldest of them leaves the window. */
  inWindow(
    podUid: string,
    container: string,
    now: number,
    windowMs: number,
  ): { count: number; expiresAt?: number } {
    const state = this.pods.get(podUid)?.get(container);
    if (!state || state.times.length === 0) return { count: 0 };
    state.times = state.times.filter((t) => now - t < windowMs);
    const oldest = state.times[0];
    return oldest === undefined
      ? { count: 0 }
      : { count: state.times.length, expiresAt: oldest + windowMs };
  }

  forget(podUid: string): void {
    this.pods.delete(podUid);
  }
}
