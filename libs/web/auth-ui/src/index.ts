export * from './lib/login-form.component';
export * from './lib/signup-form.component';
