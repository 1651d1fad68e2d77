export { createDashboard, type DashboardOptions } from './create-dashboard.js';
export { alertsViewOf, metricsViewOf, type AlertSource } from './adapters/pipeline-views.js';
export type {
  AlertsView,
  DashboardAgent,
  DashboardServices,
  MetricsView,
  SeriesSample,
} from './ports.js';
