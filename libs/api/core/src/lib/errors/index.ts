export * from './validation';
export * from './all-exceptions.filter';
