// Metrics from the backlog files and their git history (spec metrics.md).
export { computeMetrics, DEFAULT_CYCLE_TIME_WINDOW_DAYS, DEFAULT_VELOCITY_WINDOW } from './report';
export { percentile } from './cycle-time';
export { mulberry32 } from './monte-carlo';
export * from './types';
