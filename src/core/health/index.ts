// Health: the metrics warnings (spec metrics.md §5) as a gate, with thresholds.
export { healthOf, type HealthFinding, type HealthResult } from './findings';
export { healthJson, healthText, involvedText } from './format';
export { HEALTH_CODES, HealthOptionError, parseFailOn, parseThresholds, THRESHOLD_KEYS } from './options';
