export * from './lib/call-outcome';
export * from './lib/ringtone.service';
export * from './lib/call-notifier.service';
export * from './lib/call-manager.service';
