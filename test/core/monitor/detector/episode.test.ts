import { describe, expect, it } from 'vitest';
import { EpisodeTracker } from '../../../../src/core/monitor/detector/episode.js';

const limits = { enterScore: 5, exitScore: 3, extremeScore: 12, minDuration: 3, cooldown: 4 };

/** Feeds scores; returns the states, with a `!` where the alert fired. */
function run(scores: number[], extremeAllowed = true): string[] {
  const tracker = new EpisodeTracker(limits);
  return scores.map((score) => {
    const step = tracker.step(score, extremeAllowed);
    return step.fired ? `${step.state}!` : step.state;
  });
}

describe('EpisodeTracker', () => {
  it.each([
    {
      name: 'an episode fires once it has lasted the minimum duration, once',
      scores: [1, 6, 4, 4, 7, 8, 1],
      states: ['normal', 'pending', 'pending', 'alerting!', 'alerting', 'alerting', 'cooldown'],
    },
    {
      name: 'a blip shorter than the minimum duration stays silent',
      scores: [6, 2, 2, 1],
      states: ['pending', 'pending', 'normal', 'normal'],
    },
    {
      name: 'an extreme point fires at once',
      scores: [1, 13, 1],
      states: ['normal', 'alerting!', 'cooldown'],
    },
    {
      name: 'a score between exit and enter does not start an episode (hysteresis)',
      scores: [4, 4.9, 4, 4],
      states: ['normal', 'normal', 'normal', 'normal'],
    },
    {
      name: 'points under the exit score may interrupt an episode until they outnumber the others',
      scores: [6, 1, 4, 4, 2],
      states: ['pending', 'pending', 'pending', 'alerting!', 'cooldown'],
    },
    {
      name: 'a new episode inside the cooldown is the same incident; after it, a new alert',
      scores: [6, 6, 6, 1, 6, 6, 1, 1, 1, 1, 1, 6, 6, 6],
      states: [
        'pending',
        'pending',
        'alerting!',
        'cooldown',
        'alerting',
        'alerting',
        'cooldown',
        'cooldown',
        'cooldown',
        'cooldown',
        'normal',
        'pending',
        'pending',
        'alerting!',
      ],
    },
  ])('$name', ({ scores, states }) => {
    expect(run(scores)).toEqual(states);
  });

  it('does not fire at once on an extreme point when extremes are not allowed (a repeated spike)', () => {
    expect(run([1, 13, 1, 1], false)).toEqual(['normal', 'pending', 'pending', 'normal']);
  });
});
