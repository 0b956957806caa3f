export * from './parse-uuid.pipe';
export * from './api-error.dto';
export * from './request-edge';
export * from './whole-number';
export * from './page-query.dto';
