// Scenario usage models and log templates -> the runtime forms (cores, bytes, absolute times).
import type { ContainerBehaviourSpec } from '../behaviour/behaviours.js';
import { defaultLogSpec } from '../behaviour/log-templates.js';
import type { UsageModel } from '../behaviour/usage-models.js';
import { parseDuration } from '../util/duration.js';
import { parseQuantity } from '../util/quantity.js';
import type { ScenarioContainer, ScenarioUsageModel } from './schema.js';

export function toUsageModel(m: ScenarioUsageModel, anchor: number): UsageModel {
  const q = parseQuantity;
  switch (m.model) {
    case 'constant':
      return { model: 'constant', value: q(m.value), noise: m.noise };
    case 'daily':
      return {
        model: 'daily',
        base: q(m.base),
        amplitude: q(m.amplitude),
        peakHour: m.peakHour,
        noise: m.noise,
      };
    case 'linear':
      return {
        model: 'linear',
        from: q(m.from),
        perHour: q(m.perHour),
        ...(m.startAt !== undefined ? { startAt: anchor + parseDuration(m.startAt) } : {}),
        ...(m.max !== undefined ? { max: q(m.max) } : {}),
        noise: m.noise,
      };
    case 'step':
      return {
        model: 'step',
        before: q(m.before),
        after: q(m.after),
        at: anchor + parseDuration(m.at),
        noise: m.noise,
      };
    case 'spikes':
      return {
        model: 'spikes',
        base: q(m.base),
        spike: q(m.spike),
        every: parseDuration(m.every),
        duration: parseDuration(m.duration),
        offset: m.offset !== undefined ? anchor + parseDuration(m.offset) : anchor,
        noise: m.noise,
      };
  }
}

export function behaviourOf(c: ScenarioContainer, anchor: number): ContainerBehaviourSpec {
  const fallback = defaultLogSpec(c.image);
  return {
    ...(c.usage?.cpu ? { cpu: toUsageModel(c.usage.cpu, anchor) } : {}),
    ...(c.usage?.memory ? { memory: toUsageModel(c.usage.memory, anchor) } : {}),
    logs: {
      every: c.logs?.every !== undefined ? parseDuration(c.logs.every) : fallback.every,
      startup: c.logs?.startup ?? fallback.startup,
      lines: c.logs?.lines ?? fallback.lines,
    },
    ...(c.files ? { files: c.files } : {}),
  };
}
