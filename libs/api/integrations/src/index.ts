export * from './lib/metrics/metrics.module';
export * from './lib/metrics/callshop-metrics';
export * from './lib/exports/exports.module';
export * from './lib/analytics/analytics.module';
export * from './lib/analytics/analytics-queries';
export * from './lib/webhooks/webhooks.module';
export * from './lib/webhooks/webhook-publisher';
export * from './lib/webhooks/webhook-signature';
