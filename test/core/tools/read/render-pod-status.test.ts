// kubectl's pod columns (READY, STATUS, RESTARTS) as src/core/tools/render/pod-status.ts computes
// them, on pods shaped like the kubelet reports them.
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { comparePods, summarizePod } from '../../../../src/core/tools/render/pod-status.js';

const now = Date.parse('2025-06-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString();

function pod(status: V1Pod['status'], extra: Partial<V1Pod> = {}): V1Pod {
  return {
    metadata: {
      name: 'p',
      namespace: 'shop',
      creationTimestamp: ago(3600_000) as unknown as Date,
      ...extra.metadata,
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'shop/app:1' }], ...extra.spec },
    status,
  };
}

const running = { running: { startedAt: ago(60_000) as unknown as Date } };

describe('summarizePod (kubectl printPod)', () => {
  it('shows CrashLoopBackOff with restarts "(Nm ago)" as failing, with the last exit', () => {
    const s = summarizePod(
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            image: 'shop/app:1',
            imageID: '',
            ready: false,
            restartCount: 7,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } },
            lastState: {
              terminated: {
                exitCode: 137,
                reason: 'OOMKilled',
                finishedAt: ago(180_000) as unknown as Date,
              },
            },
          },
        ],
      }),
      now,
    );
    expect([s.ready, s.status, s.restartsText, s.severity, s.detail]).toEqual([
      '0/1',
      'CrashLoopBackOff',
      '7 (3m ago)',
      2,
      'last exit OOMKilled (137)',
    ]);
  });

  it('shows OOMKilled while the container is terminated', () => {
    const s = summarizePod(
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            image: '',
            imageID: '',
            ready: false,
            restartCount: 1,
            state: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
          },
        ],
      }),
      now,
    );
    expect([s.status, s.severity]).toEqual(['OOMKilled', 2]);
  });

  it.each([
    ['ImagePullBackOff', 2],
    ['ErrImagePull', 2],
    ['ContainerCreating', 1],
    ['CreateContainerConfigError', 2],
  ])('a waiting %s has severity %i', (reason, severity) => {
    const s = summarizePod(
      pod({
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'app',
            image: '',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason } },
          },
        ],
      }),
      now,
    );
    expect([s.status, s.severity, s.restartsText]).toEqual([reason, severity, '0']);
  });

  it('shows Completed for a finished job pod as fine, and Terminating for a pod being deleted', () => {
    const done = summarizePod(
      pod({
        phase: 'Succeeded',
        containerStatuses: [
          {
            name: 'app',
            image: '',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode: 0, reason: 'Completed' } },
          },
        ],
      }),
      now,
    );
    expect([done.status, done.ready, done.severity]).toEqual(['Completed', '0/1', 0]);
    const leaving = summarizePod(
      pod(
        {
          phase: 'Running',
          containerStatuses: [
            { name: 'app', image: '', imageID: '', ready: true, restartCount: 0, state: running },
          ],
        },
        {
          metadata: {
            name: 'p',
            namespace: 'shop',
            deletionTimestamp: ago(5000) as unknown as Date,
          },
        },
      ),
      now,
    );
    expect([leaving.status, leaving.severity]).toEqual(['Terminating', 1]);
  });

  it('shows Init:CrashLoopBackOff and an unschedulable Pending pod as failing', () => {
    const init = summarizePod(
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            {
              name: 'migrate',
              image: '',
              imageID: '',
              ready: false,
              restartCount: 3,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
            },
          ],
          containerStatuses: [
            {
              name: 'app',
              image: '',
              imageID: '',
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: 'PodInitializing' } },
            },
          ],
        },
        { spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'migrate' }] } },
      ),
      now,
    );
    expect([init.status, init.severity, init.restarts]).toEqual(['Init:CrashLoopBackOff', 2, 3]);
    const pending = summarizePod(
      pod({
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available: 3 Insufficient memory.',
          },
        ],
      }),
      now,
    );
    expect([pending.status, pending.severity, pending.node]).toEqual(['Pending', 2, 'node-1']);
    expect(pending.detail).toMatch(/Insufficient memory/);
  });

  it('a ready pod that restarted a minute ago is flapping, one that restarted long ago is fine', () => {
    const status = (finished: number): V1Pod['status'] => ({
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          image: '',
          imageID: '',
          ready: true,
          restartCount: 2,
          state: running,
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              finishedAt: ago(finished) as unknown as Date,
            },
          },
        },
      ],
    });
    expect(summarizePod(pod(status(60_000)), now).severity).toBe(1);
    const old = summarizePod(pod(status(86400_000)), now);
    expect([old.status, old.ready, old.restartsText, old.severity]).toEqual([
      'Running',
      '1/1',
      '2 (24h ago)',
      0,
    ]);
  });
});

describe('comparePods', () => {
  it('puts failing pods first, the most restarted first, then not-ready ones, then the rest by name', () => {
    const crash = (name: string, restarts: number): V1Pod =>
      pod(
        {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'app',
              image: '',
              imageID: '',
              ready: false,
              restartCount: restarts,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
            },
          ],
        },
        { metadata: { name, namespace: 'shop' } },
      );
    const fine = (name: string): V1Pod =>
      pod(
        {
          phase: 'Running',
          containerStatuses: [
            { name: 'app', image: '', imageID: '', ready: true, restartCount: 0, state: running },
          ],
        },
        { metadata: { name, namespace: 'a' } },
      );
    const creating = pod(
      {
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'app',
            image: '',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: 'ContainerCreating' } },
          },
        ],
      },
      { metadata: { name: 'new', namespace: 'z' } },
    );
    const sorted = [fine('b'), creating, crash('few', 2), fine('a'), crash('many', 9)]
      .map((p) => summarizePod(p, now))
      .sort(comparePods)
      .map((s) => s.name);
    expect(sorted).toEqual(['many', 'few', 'new', 'a', 'b']);
  });
});
