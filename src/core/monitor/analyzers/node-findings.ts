import type { V1Node } from '@kubernetes/client-node';
import type { Finding } from '../../alerts/alert.js';

const pressures: Record<string, string> = {
  MemoryPressure: 'MemoryPressure',
  DiskPressure: 'DiskPressure',
  PIDPressure: 'PIDPressure',
};

/** True when the node's Ready condition is anything but True (NotReady or Unknown). */
export function nodeIsDown(node: V1Node | undefined): boolean {
  if (!node) return false;
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  return ready !== undefined && ready.status !== 'True';
}

/** Node NotReady (critical: everything on it is at risk) and memory/disk/PID pressure (warning). */
export function nodeFindings(
  cluster: string,
  node: V1Node,
  gather: (reason: string) => Finding['gatherEvidence'],
): Finding[] {
  const name = node.metadata?.name ?? '';
  const subject = { cluster, kind: 'Node', namespace: '', name };
  const findings: Finding[] = [];
  for (const c of node.status?.conditions ?? []) {
    if (c.type === 'Ready' && c.status !== 'True') {
      const state = c.status === 'Unknown' ? 'unreachable (status Unknown)' : 'NotReady';
      findings.push({
        subject,
        reason: 'NodeNotReady',
        severity: 'critical',
        summary: `node ${name} is ${state}: ${c.message ?? c.reason ?? 'no reason given'}`,
        facts: { condition: `Ready=${c.status}`, ...(c.reason && { reason: c.reason }) },
        gatherEvidence: gather('NodeNotReady'),
      });
    }
    const reason = pressures[c.type];
    if (reason && c.status === 'True') {
      findings.push({
        subject,
        reason,
        severity: 'warning',
        summary:
          `node ${name} is under ${c.type.replace('Pressure', '').toLowerCase()} pressure: ${c.message ?? c.reason ?? ''}`.trim(),
        facts: { condition: `${c.type}=True` },
        gatherEvidence: gather(reason),
      });
    }
  }
  return findings;
}
