import express, { Router, type RequestHandler } from 'express';
import type { Config } from '../core/config/schema.js';
import type { Logger } from '../core/log/logger.js';
import { resolveSecretKey } from '../core/store/secret-key.js';
import { AuditRepo } from '../core/store/repos/audit.js';
import { SessionsRepo } from '../core/store/repos/sessions.js';
import { UsersRepo } from '../core/store/repos/users.js';
import { authRoutes } from './auth/auth-routes.js';
import { CsrfTokens } from './auth/csrf.js';
import { requireCsrf, requireSession } from './auth/guards.js';
import { LoginLimiter, type LoginLimits } from './auth/login-limiter.js';
import { SessionManager, type SessionSettings } from './auth/sessions.js';
import { SetupLink } from './auth/setup-link.js';
import { FlashStore, type DashboardContext } from './context.js';
import { TopConsumersReader } from './data/top-consumers.js';
import { dashboardErrorHandler, sendError } from './http/errors.js';
import { requestFacts } from './http/request-facts.js';
import { markStart } from './http/respond.js';
import { securityHeaders } from './http/security-headers.js';
import { staticAssets } from './http/static-assets.js';
import { alertsRoutes } from './pages/alerts.js';
import { approvalsRoutes } from './pages/approvals.js';
import { auditRoutes } from './pages/audit.js';
import { chatRoutes } from './pages/chat.js';
import { metricsRoutes } from './pages/metrics.js';
import { overviewRoutes } from './pages/overview.js';
import { podRoutes } from './pages/pod.js';
import { settingsRoutes } from './pages/settings.js';
import { workloadsRoutes } from './pages/workloads.js';
import type { AlertsView, DashboardAgent, DashboardServices, MetricsView } from './ports.js';

export interface DashboardOptions {
  services: DashboardServices;
  agent: DashboardAgent;
  logger: Logger;
  /** Defaults to `services.config`. */
  config?: Config;
  /** Alerts of the running pipeline (`alertsViewOf(pipeline)`); without it the alert pages say so. */
  alerts?: AlertsView;
  /** The series store (`metricsViewOf(pipeline)`); without it the metrics page says so. */
  metrics?: MetricsView;
  /** Where browsers reach this server (`serve.http.url`), for the setup link. */
  baseUrl?: string;
  /** Signs the sign-in form's CSRF token; by default the key beside the database. */
  secretKey?: string;
  /** Where the one-time setup link goes (default: stderr, never the structured log). */
  announce?: (line: string) => void;
  loginLimits?: LoginLimits;
  sessions?: SessionSettings;
  /** How long the setup link works (default 24 h). */
  setupLinkTtlMs?: number;
  now?: () => number;
}

// Paths the dashboard owns; anything else falls through to whatever else is mounted (MCP, Slack).
const ownPaths =
  /^\/($|workloads$|pods\/|metrics$|api\/|alerts($|\/)|approvals($|\/)|chat$|audit$|settings($|\/))/;

/**
 * The web dashboard as an express router for `/` of the serve app: sign-in, the pages, the chart
 * JSON and static assets. Prints a one-time setup link when no user exists yet.
 */
export async function createDashboard(options: DashboardOptions): Promise<Router> {
  const { logger } = options;
  const config = options.config ?? options.services.config;
  const services = { ...options.services, config };
  const now = options.now ?? Date.now;
  const facts = requestFacts(config.web.trustProxy);
  const users = new UsersRepo(services.db, now);
  const audit = new AuditRepo(services.db);
  const sessions = new SessionManager({
    sessions: new SessionsRepo(services.db, now),
    facts,
    settings: options.sessions,
    now,
  });
  const csrf = new CsrfTokens(
    options.secretKey ?? resolveSecretKey(config.secretKey, config.database.path),
    facts,
  );
  const setupLink = new SetupLink({ ttlMs: options.setupLinkTtlMs ?? 24 * 3_600_000, now });
  const ctx: DashboardContext = {
    services,
    agent: options.agent,
    alerts: options.alerts,
    metrics: options.metrics,
    audit,
    users,
    flashes: new FlashStore(now),
    topConsumers: new TopConsumersReader(),
    logger: logger.child({ component: 'web' }),
    now,
  };

  if ((await users.count()) === 0) announceSetup(options, setupLink.issue());

  const pages = Router();
  pages.use(
    express.urlencoded({ extended: false, limit: '64kb' }),
    express.json({ limit: '64kb' }),
  );
  pages.use(requireSession(sessions, facts), requireCsrf(csrf));
  for (const routes of [
    overviewRoutes,
    workloadsRoutes,
    podRoutes,
    metricsRoutes,
    alertsRoutes,
    approvalsRoutes,
    chatRoutes,
    auditRoutes,
    settingsRoutes,
  ]) {
    pages.use(routes(ctx));
  }
  pages.use((req, res) =>
    sendError(req, res, 404, `There is no page at ${req.path}.`, 'Use the links at the top.'),
  );

  const router = Router();
  router.use((_req, res, next) => {
    markStart(res);
    next();
  });
  router.use(securityHeaders());
  router.use(staticAssets());
  router.use(
    authRoutes({
      users,
      sessions,
      csrf,
      limiter: new LoginLimiter(options.loginLimits, now),
      setupLink,
      facts,
      audit,
      logger: ctx.logger,
      now,
    }),
  );
  router.use(onlyOwnPaths, pages);
  router.use(dashboardErrorHandler(ctx.logger));
  return router;
}

const onlyOwnPaths: RequestHandler = (req, _res, next) => {
  if (ownPaths.test(req.path)) next();
  else next('router');
};

function announceSetup(options: DashboardOptions, token: string): void {
  const path = `/setup?token=${token}`;
  const link = options.baseUrl ? `${options.baseUrl.replace(/\/+$/, '')}${path}` : path;
  const hours = Math.round((options.setupLinkTtlMs ?? 24 * 3_600_000) / 3_600_000);
  const announce = options.announce ?? ((line: string) => process.stderr.write(`${line}\n`));
  announce(
    `No dashboard user exists yet. Create the first admin within ${hours} h with this one-time link:\n  ${link}\n` +
      '(or on the server: ai4k8s user add NAME --role admin)',
  );
  options.logger.info('no dashboard users yet: a one-time setup link was printed on stderr');
}
