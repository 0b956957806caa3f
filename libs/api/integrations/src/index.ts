export * from './lib/metrics/metrics.module';
export * from './lib/metrics/callshop-metrics';
export * from './lib/exports/exports.module';
