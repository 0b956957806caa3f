export * from './lib/rtc-tokens';
export * from './lib/ice-servers-cache';
export * from './lib/media-errors';
export * from './lib/local-media';
export * from './lib/negotiating-peer';
export * from './lib/rtc.service';
