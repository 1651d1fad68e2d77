import { block, message } from '../../messages/build.js';
import type { Block, CoreMessage } from '../../messages/core-message.js';
import { formatCores, formatEta, formatUsage, type UsageUnit } from '../predict/format.js';
import type { ResourceChange, RightSizeSettings } from './right-size.js';
import type { WorkloadRecommendation } from './workload-recommendations.js';

const MAX_ROWS = 30;

/** The `recommend` reply: a table of suggested requests and limits, idle workloads called out. */
export function renderRecommendations(
  recs: WorkloadRecommendation[],
  scope: string,
  settings: RightSizeSettings,
): CoreMessage {
  const title = `Right-sizing for ${scope}`;
  if (recs.length === 0)
    return message('info', [block.text(`No running workloads in ${scope}.`)], title);
  const sized = recs.filter((r) => r.sizing && !r.sizing.insufficientHistory);
  const young = recs.filter((r) => !r.sizing || r.sizing.insufficientHistory);
  const idle = sized.filter((r) => r.sizing?.idle);
  const changing = sized.filter((r) => hasChange(r));
  const rows = [...sized]
    .sort((a, b) => Number(hasChange(b)) - Number(hasChange(a)) || weight(b) - weight(a))
    .slice(0, MAX_ROWS)
    .map((r) => [
      `${r.workload.kind} ${r.workload.namespace}/${r.workload.name}${r.pods > 1 ? ` (${r.pods} pods)` : ''}`,
      r.container,
      cell(r.sizing?.cpuRequest, 'cores'),
      cell(r.sizing?.cpuLimit, 'cores'),
      cell(r.sizing?.memoryRequest, 'bytes'),
      cell(r.sizing?.memoryLimit, 'bytes'),
      r.stats
        ? `CPU p95 ${formatCores(r.stats.cpuP95)}, memory peak ${formatUsage(r.stats.memoryPeak, 'bytes')}`
        : '-',
    ]);
  const blocks: Block[] = [
    block.text(
      `${changing.length} of ${sized.length} containers could be right-sized${idle.length > 0 ? `; ${idle.length} look idle` : ''}.`,
    ),
  ];
  if (rows.length > 0) {
    const caption =
      sized.length > MAX_ROWS
        ? `${sized.length - MAX_ROWS} more not shown; ask for one namespace.`
        : undefined;
    blocks.push(
      block.table(
        [
          'WORKLOAD',
          'CONTAINER',
          'CPU REQUEST',
          'CPU LIMIT',
          'MEMORY REQUEST',
          'MEMORY LIMIT',
          'OBSERVED',
        ],
        rows,
        caption,
      ),
    );
  }
  if (idle.length > 0) {
    const names = idle.map(
      (r) =>
        `${r.workload.namespace}/${r.workload.name} (${formatCores(r.stats?.cpuP95 ?? 0)} CPU at p95)`,
    );
    blocks.push(
      block.text(
        `Idle: ${names.slice(0, 10).join(', ')}${names.length > 10 ? `, and ${names.length - 10} more` : ''}. Scale them down or remove them if nobody needs them.`,
      ),
    );
  }
  if (young.length > 0) {
    const minHistory = formatEta(settings.minObservedMs);
    blocks.push(
      block.note(
        `${young.length} containers have less than ${minHistory} of usage history; they get recommendations once they have it.`,
      ),
    );
  }
  blocks.push(
    block.note(
      `CPU request = 95th percentile of 5-minute use; memory request = its 95th percentile + ${pct(settings.memoryRequestMargin)}; memory limit = peak + ${pct(settings.memoryLimitMargin)}; CPU limits only where one is set. Changes under ${pct(settings.minChange)} are left alone.`,
    ),
  );
  return message(changing.length > 0 || idle.length > 0 ? 'warning' : 'success', blocks, title);
}

/** One line for a predictive alert: what this container's sizes should be. */
export function recommendationLine(r: WorkloadRecommendation): string | undefined {
  const s = r.sizing;
  if (!s || s.insufficientHistory) return undefined;
  const parts: string[] = [];
  const add = (what: string, c: ResourceChange, unit: UsageUnit) => {
    if (c.change !== 'keep' && c.recommended !== undefined)
      parts.push(
        `${what} ${c.current === undefined ? 'none' : formatUsage(c.current, unit)} -> ${formatUsage(c.recommended, unit)}`,
      );
  };
  add('memory limit', s.memoryLimit, 'bytes');
  add('memory request', s.memoryRequest, 'bytes');
  add('CPU request', s.cpuRequest, 'cores');
  add('CPU limit', s.cpuLimit, 'cores');
  const observed = r.stats
    ? ` (peak ${formatUsage(r.stats.memoryPeak, 'bytes')}, CPU p95 ${formatCores(r.stats.cpuP95)} over ${formatEta(r.stats.observedMs)})`
    : '';
  return parts.length > 0
    ? `${parts.join(', ')}${observed}`
    : `sizes fit the observed use${observed}`;
}

function cell(c: ResourceChange | undefined, unit: UsageUnit): string {
  if (!c) return '-';
  const now = c.current === undefined ? 'none' : formatUsage(c.current, unit);
  if (c.change === 'keep') return c.current === undefined ? 'none' : `${now} ok`;
  return `${now} -> ${formatUsage(c.recommended ?? 0, unit)}`;
}

function hasChange(r: WorkloadRecommendation): boolean {
  const s = r.sizing;
  return (
    !!s &&
    !s.insufficientHistory &&
    [s.cpuRequest, s.cpuLimit, s.memoryRequest, s.memoryLimit].some((c) => c.change !== 'keep')
  );
}

/** How much a recommendation moves, relative to what is set now (for ordering). */
function weight(r: WorkloadRecommendation): number {
  const s = r.sizing;
  if (!s) return 0;
  let w = 0;
  for (const c of [s.cpuRequest, s.memoryRequest, s.memoryLimit]) {
    if (c.current && c.recommended !== undefined)
      w += Math.abs(c.recommended - c.current) / c.current;
  }
  return w;
}

function pct(x: number): string {
  return `${Math.round(x * 100)} %`;
}
