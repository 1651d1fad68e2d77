/** One dependency `/readyz` asks about; `check` resolves to why it is not ready, or undefined. */
export interface ReadinessProbe {
  name: string;
  check(): Promise<string | undefined>;
}

export interface ReadinessReport {
  ready: boolean;
  /** The first failure, in words, when not ready. */
  reason?: string;
  checks: Record<string, string>;
}

/** Asks every probe at once, each bounded by `timeoutMs`, so one hung dependency cannot hang `/readyz`. */
export async function checkReadiness(
  probes: ReadinessProbe[],
  timeoutMs = 3000,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    probes.map(async (probe) => ({ name: probe.name, failure: await runProbe(probe, timeoutMs) })),
  );
  const checks: Record<string, string> = {};
  for (const { name, failure } of results) checks[name] = failure ?? 'ok';
  const failed = results.find((r) => r.failure !== undefined);
  return failed
    ? { ready: false, reason: `${failed.name}: ${failed.failure}`, checks }
    : { ready: true, checks };
}

async function runProbe(probe: ReadinessProbe, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([probe.check(), timeout]);
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    clearTimeout(timer);
  }
}
