import type { AlertSubject, Finding } from '../../alerts/alert.js';
import type { SeriesKey } from '../series/series-key.js';

const MIB = 1024 * 1024;

/** The subject of a pod or node series (`pod/NS/NAME`, `node/NAME`). */
export function subjectOfSeries(key: SeriesKey): AlertSubject {
  const [kind, a = '', b] = key.object.split('/');
  return kind === 'node'
    ? { cluster: key.cluster, kind: 'Node', namespace: '', name: a }
    : { cluster: key.cluster, kind: 'Pod', namespace: a, name: b ?? '' };
}

export function formatUsage(metric: string, value: number): string {
  return metric === 'memory' ? `${Math.round(value / MIB)} Mi` : `${Math.round(value * 1000)}m CPU`;
}

/** "cpu of shop/web-1 is unusual: 850m CPU (5-minute mean), 9.3 times its usual spread" */
export function describeAnomaly(
  key: SeriesKey,
  episode: { since: number; value: number; score: number },
): Finding {
  const subject = subjectOfSeries(key);
  const who = subject.namespace ? `${subject.namespace}/${subject.name}` : subject.name;
  const metric = key.metric === 'memory' ? 'memory' : 'CPU';
  return {
    subject,
    reason: key.metric === 'memory' ? 'AnomalousMemory' : 'AnomalousCPU',
    severity: 'warning',
    summary: `${metric} of ${who} is unusual: ${formatUsage(key.metric, episode.value)} (5-minute mean), ${episode.score.toFixed(1)} times its usual spread away from what its own history predicts`,
    facts: {
      since: new Date(episode.since).toISOString(),
      now: formatUsage(key.metric, episode.value),
      score: episode.score.toFixed(1),
    },
  };
}
