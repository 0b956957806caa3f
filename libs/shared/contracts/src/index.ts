export * from './lib/common';
export * from './lib/auth';
export * from './lib/products';
export * from './lib/calls';
export * from './lib/call-socket';
export * from './lib/orders';
export * from './lib/webhooks';
export * from './lib/analytics';
