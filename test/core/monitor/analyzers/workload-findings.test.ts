import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { nodeFindings, nodeIsDown } from '../../../../src/core/monitor/analyzers/node-findings.js';
import { analyzerSettings } from '../../../../src/core/monitor/analyzers/analyzer-settings.js';
import {
  podProblems,
  type ProblemContext,
} from '../../../../src/core/monitor/analyzers/pod-problems.js';
import { RestartTracker } from '../../../../src/core/monitor/analyzers/restart-tracker.js';
import {
  workloadFindings,
  type WorkloadInput,
} from '../../../../src/core/monitor/analyzers/workload-findings.js';
import { workloadOf } from '../../../../src/core/monitor/analyzers/workload-of.js';
import { defaultMonitoringConfig } from '../../../../src/core/monitor/config.js';

const settings = analyzerSettings(defaultMonitoringConfig().analyzers);
const NOW = Date.parse('2025-03-03T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

function pod(
  name: string,
  status: Partial<NonNullable<V1Pod['status']>>,
  extra: Partial<V1Pod> = {},
): V1Pod {
  return {
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      creationTimestamp: ago(60 * MIN) as unknown as Date,
      ...extra.metadata,
    },
    spec: {
      containers: [{ name: 'app', image: 'app:1', resources: { limits: { memory: '256Mi' } } }],
      nodeName: 'worker-1',
      ...extra.spec,
    },
    status: { phase: 'Running', ...status },
  };
}

function ctx(overrides: Partial<ProblemContext> = {}): ProblemContext {
  return {
    now: NOW,
    settings,
    backoffSeenAt: () => undefined,
    active: () => false,
    schedulingMessage: () => undefined,
    ...overrides,
  };
}

const terminated = (reason: string, exitCode: number, msAgo: number) => ({
  terminated: {
    reason,
    exitCode,
    finishedAt: ago(msAgo) as unknown as Date,
    startedAt: ago(msAgo + MIN) as unknown as Date,
  },
});

describe('pod problems', () => {
  const cases: Array<{ name: string; pod: V1Pod; ctx?: Partial<ProblemContext>; want: string[] }> =
    [
      {
        name: 'CrashLoopBackOff from the kubelet',
        pod: pod('a', {
          containerStatuses: [
            {
              name: 'app',
              image: '',
              imageID: '',
              ready: false,
              restartCount: 2,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: terminated('Error', 1, 5000),
            },
          ],
        }),
        want: ['CrashLoopBackOff'],
      },
      {
        name: 'OOMKilled wins over the back-off it causes',
        pod: pod('b', {
          containerStatuses: [
            {
              name: 'app',
              image: '',
              imageID: '',
              ready: false,
              restartCount: 3,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: terminated('OOMKilled', 137, 5000),
            },
          ],
        }),
        want: ['OOMKilled'],
      },
      {
        name: 'exit code 137 counts as an OOM kill',
        pod: pod('c', {
          containerStatuses: [
            {
              name: 'app',
              image: '',
              imageID: '',
              ready: true,
              restartCount: 1,
              state: { running: {} },
              lastState: terminated('Error', 137, 2 * MIN),
            },
          ],
        }),
        want: ['OOMKilled'],
      },
      {
        name: 'an OOM kill long ago is history',
        pod: pod('d', {
          containerStatuses: [
            {
              name: 'app',
              image: '',
              imageID: '',
              ready: true,
              restartCount: 1,
              state: { running: {} },
              lastState: terminated('OOMKilled', 137, 30 * MIN),
            },
          ],
        }),
        want: [],
      },
      {
        name: 'a crash loop holds between crashes while its incident is open',
        pod: pod('e', {
          containerStatuses: [
            {
              name: 'app',
              image: '',
              imageID: '',
              ready: true,
              restartCount: 4,
              state: { running: {} },
              lastState: terminated('Error', 1, 3 * MIN),
            },
          ],
        }),
        ctx: { active: (r) => r === 'CrashLoopBackOff', backoffSeenAt: () => NOW - 3 * MIN },
        want: ['CrashLoopBackOff'],
      },
      {
        name: 'but not a container that crashed once, long after its last back-off',
        pod: pod('f', {
          containerStatuses: [
            {
              name: 'app',
              image: '',
              imageID: '',
              ready: true,
              restartCount: 1,
              state: { running: {} },
              lastState: terminated('Error', 1, 3 * MIN),
            },
          ],
        }),
        want: [],
      },
      {
        name: 'ErrImagePull',
        pod: pod('g', {
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'app',
              image: '',
              imageID: '',
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: 'ErrImagePull', message: 'manifest unknown' } },
            },
          ],
        }),
        want: ['ImagePullBackOff'],
      },
      {
        name: 'Pending past the threshold, with the scheduler message',
        pod: pod('h', {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              lastTransitionTime: ago(6 * MIN) as unknown as Date,
            },
          ],
        }),
        ctx: { schedulingMessage: () => '0/3 nodes are available: 3 Insufficient cpu.' },
        want: ['Pending'],
      },
      {
        name: 'Pending within the threshold',
        pod: pod('i', {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              lastTransitionTime: ago(2 * MIN) as unknown as Date,
            },
          ],
        }),
        want: [],
      },
    ];
  for (const c of cases) {
    it(c.name, () => {
      expect(podProblems(c.pod, ctx(c.ctx)).problems.map((p) => p.reason)).toEqual(c.want);
    });
  }

  it('says when a pending pod will cross the threshold', () => {
    const p = pod('i', {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          lastTransitionTime: ago(2 * MIN) as unknown as Date,
        },
      ],
    });
    expect(podProblems(p, ctx()).recheckAt).toBe(NOW + 3 * MIN);
    const late = pod('h', {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          lastTransitionTime: ago(6 * MIN) as unknown as Date,
        },
      ],
    });
    expect(
      podProblems(
        late,
        ctx({ schedulingMessage: () => '0/3 nodes are available: 3 Insufficient cpu.' }),
      ).problems[0]?.message,
    ).toBe('cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu.');
  });
});

describe('workload findings', () => {
  const base = (over: Partial<WorkloadInput>): WorkloadInput => ({
    cluster: 'prod',
    ref: { kind: 'Deployment', namespace: 'shop', name: 'api' },
    pods: [],
    problems: [],
    bursts: [],
    now: NOW,
    settings,
    nodeIsDown: () => false,
    evidence: () => undefined,
    ...over,
  });
  const deployment = (ready: number, available: number, replicas = 3): V1Deployment => ({
    metadata: { name: 'api', namespace: 'shop' },
    spec: { replicas, selector: {}, template: {} },
    status: { readyReplicas: ready, availableReplicas: available },
  });

  it('counts a restart burst, but not one that a crash loop explains', () => {
    const burst = workloadFindings(
      base({ pods: [pod('a', {})], bursts: [{ pod: 'a', container: 'app', count: 4 }] }),
    );
    expect(burst.findings.map((f) => [f.reason, f.summary])).toEqual([
      ['RestartBurst', 'a (container app) restarted 4 times in 15 min'],
    ]);
    const both = workloadFindings(
      base({
        pods: [pod('a', {})],
        bursts: [{ pod: 'a', container: 'app', count: 4 }],
        problems: [
          {
            pod: 'a',
            container: 'app',
            reason: 'CrashLoopBackOff',
            message: 'crash-looping',
            restarts: 4,
            loop: true,
          },
        ],
      }),
    );
    expect(both.findings.map((f) => f.reason)).toEqual(['CrashLoopBackOff']);
  });

  it('raises UnavailableReplicas after the threshold, critical with no ready replica, and not for a gap a down node explains', () => {
    const unready = pod('a', {
      conditions: [{ type: 'Ready', status: 'False', message: 'readiness probe failed' }],
    });
    const early = workloadFindings(
      base({ deployment: deployment(1, 1), pods: [unready], unavailableSince: NOW - MIN }),
    );
    expect(early).toEqual({ findings: [], recheckAt: NOW + 4 * MIN });
    const late = workloadFindings(
      base({ deployment: deployment(0, 0), pods: [unready], unavailableSince: NOW - 6 * MIN }),
    );
    expect(late.findings.map((f) => [f.reason, f.severity, f.facts.available])).toEqual([
      ['UnavailableReplicas', 'critical', '0/3'],
    ]);
    const nodeDown = workloadFindings(
      base({
        deployment: deployment(1, 1),
        pods: [unready],
        unavailableSince: NOW - 6 * MIN,
        nodeIsDown: () => true,
      }),
    );
    expect(nodeDown.findings).toEqual([]);
  });

  it('files pods under their deployment, even before the ReplicaSet is in the cache', () => {
    const owned = pod(
      'api-7d9f-x1',
      {},
      {
        metadata: {
          name: 'api-7d9f-x1',
          labels: { 'pod-template-hash': '7d9f' },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: 'api-7d9f',
              uid: 'rs',
              controller: true,
            },
          ],
        },
      },
    );
    expect(workloadOf(owned, { get: () => undefined })).toEqual({
      kind: 'Deployment',
      namespace: 'shop',
      name: 'api',
    });
    const bare = pod('debug', {});
    expect(workloadOf(bare, { get: () => undefined })).toEqual({
      kind: 'Pod',
      namespace: 'shop',
      name: 'debug',
    });
  });
});

describe('restart tracker', () => {
  it('counts restarts seen within the window, skipping the first sight and explained ones', () => {
    const t = new RestartTracker();
    expect(t.observe('p', 'app', 5, NOW, false)).toBe(0);
    expect(t.observe('p', 'app', 7, NOW + MIN, false)).toBe(2);
    expect(t.observe('p', 'app', 8, NOW + 2 * MIN, true)).toBe(0);
    expect(t.observe('p', 'app', 9, NOW + 3 * MIN, false)).toBe(1);
    expect(t.inWindow('p', 'app', NOW + 3 * MIN, 15 * MIN)).toEqual({
      count: 3,
      expiresAt: NOW + 16 * MIN,
    });
    expect(t.inWindow('p', 'app', NOW + 16 * MIN, 15 * MIN)).toEqual({
      count: 1,
      expiresAt: NOW + 18 * MIN,
    });
    t.forget('p');
    expect(t.inWindow('p', 'app', NOW, 15 * MIN)).toEqual({ count: 0 });
  });
});

describe('node findings', () => {
  const node = (conditions: Array<{ type: string; status: string; message?: string }>) => ({
    metadata: { name: 'worker-2' },
    status: { conditions },
  });
  it('NotReady is critical, pressure a warning, healthy nothing', () => {
    const down = node([
      { type: 'Ready', status: 'Unknown', message: 'Kubelet stopped posting node status.' },
      { type: 'MemoryPressure', status: 'Unknown' },
    ]);
    expect(nodeIsDown(down)).toBe(true);
    expect(
      nodeFindings('prod', down, () => undefined).map((f) => [f.reason, f.severity, f.summary]),
    ).toEqual([
      [
        'NodeNotReady',
        'critical',
        'node worker-2 is unreachable (status Unknown): Kubelet stopped posting node status.',
      ],
    ]);
    const pressed = node([
      { type: 'Ready', status: 'True' },
      { type: 'DiskPressure', status: 'True', message: 'ephemeral storage low' },
      { type: 'PIDPressure', status: 'True' },
    ]);
    expect(
      nodeFindings('prod', pressed, () => undefined).map((f) => [f.reason, f.severity]),
    ).toEqual([
      ['DiskPressure', 'warning'],
      ['PIDPressure', 'warning'],
    ]);
    expect(
      nodeFindings('prod', node([{ type: 'Ready', status: 'True' }]), () => undefined),
    ).toEqual([]);
  });
});
