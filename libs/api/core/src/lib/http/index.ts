export * from './parse-uuid.pipe';
