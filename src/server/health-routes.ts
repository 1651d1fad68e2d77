import { Router } from 'express';
import { checkReadiness, type ReadinessProbe } from './readiness.js';

export interface HealthRoutesOptions {
  probes: ReadinessProbe[];
  probeTimeoutMs?: number;
  /** True once SIGTERM arrived: a load balancer should stop sending work before we stop listening. */
  isClosing(): boolean;
}

/** `/healthz`: the process answers. `/readyz`: it can do its job (database and every cluster). */
export function healthRoutes(options: HealthRoutesOptions): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (options.isClosing()) {
      res.status(503).json({ status: 'not ready', reason: 'shutting down', checks: {} });
      return;
    }
    const report = await checkReadiness(options.probes, options.probeTimeoutMs);
    res.status(report.ready ? 200 : 503).json({
      status: report.ready ? 'ready' : 'not ready',
      reason: report.reason,
      checks: report.checks,
    });
  });
  return router;
}
