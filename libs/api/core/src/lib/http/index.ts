export * from './parse-uuid.pipe';
export * from './api-error.dto';
