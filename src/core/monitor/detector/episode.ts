export type DetectorState = 'warmup' | 'normal' | 'pending' | 'alerting' | 'cooldown';

export interface EpisodeLimits {
  enterScore: number;
  exitScore: number;
  extremeScore: number;
  minDuration: number;
  cooldown: number;
}

export interface EpisodeStep {
  state: DetectorState;
  /** True only on the point where the alert fires. */
  fired: boolean;
  /** Points since the episode began (0 outside an episode). */
  age: number;
  /** The episode ended on this point. */
  ended: boolean;
}

/**
 * Hysteresis, minimum duration and cooldown, so one incident is one alert: an episode starts at
 * `enterScore`, fires once `minDuration` of its points reached `exitScore` (at once at
 * `extremeScore`), and once firing ends below `exitScore`; a new episode inside the cooldown
 * continues the same incident silently.
 */
export class EpisodeTracker {
  private state: Exclude<DetectorState, 'warmup'> = 'normal';
  private age = 0;
  private hits = 0;
  private misses = 0;
  private cooldownLeft = 0;

  constructor(private readonly limits: EpisodeLimits) {}

  get inEpisode(): boolean {
    return this.state === 'pending' || this.state === 'alerting';
  }

  step(score: number, extremeAllowed: boolean): EpisodeStep {
    const { enterScore, exitScore, extremeScore, minDuration } = this.limits;
    switch (this.state) {
      case 'normal':
      case 'cooldown': {
        const inCooldown = this.state === 'cooldown';
        if (score >= enterScore) {
          this.age = 1;
          this.hits = 1;
          this.misses = 0;
          if (inCooldown) {
            this.state = 'alerting';
            return this.result(false);
          }
          this.state = 'pending';
          if (minDuration <= 1 || (extremeAllowed && score >= extremeScore)) return this.fire();
          return this.result(false);
        }
        if (inCooldown && --this.cooldownLeft <= 0) this.state = 'normal';
        return this.result(false);
      }
      case 'pending':
        // Points under the exit score may interrupt a pending episode (a burst of noise is
        // anomalous as a whole) until they outnumber the points above it.
        this.age++;
        if (score >= exitScore) this.hits++;
        else if (++this.misses > this.hits) return this.end('normal');
        if (this.hits >= minDuration || (extremeAllowed && score >= extremeScore))
          return this.fire();
        return this.result(false);
      case 'alerting':
        if (score < exitScore) return this.end('cooldown');
        this.age++;
        return this.result(false);
    }
  }

  private fire(): EpisodeStep {
    this.state = 'alerting';
    return this.result(true);
  }

  private end(next: 'normal' | 'cooldown'): EpisodeStep {
    this.state = next;
    this.age = 0;
    this.cooldownLeft = this.limits.cooldown;
    return { state: next, fired: false, age: 0, ended: true };
  }

  private result(fired: boolean): EpisodeStep {
    return { state: this.state, fired, age: this.age, ended: false };
  }
}
