export * from './lib/format';
export * from './lib/price.pipe';
export * from './lib/duration.pipe';
export * from './lib/loading-state.component';
export * from './lib/error-state.component';
export * from './lib/online-badge.component';
export * from './lib/pager.component';
