export * from './validation';
export * from './error-map';
export * from './all-exceptions.filter';
export * from './rate-limited.exception';
