export * from './lib/call-outcome';
export * from './lib/call-status-label';
export * from './lib/call-quality-summary';
export * from './lib/ringtone.service';
export * from './lib/call-notifier.service';
export {
  CALL_PHASE_LOG,
  CALL_PHASE_TRANSITIONS,
  type CallPhase,
  type PlaceCallRequest,
  type StoredCallPhase,
} from './lib/call-state-machine';
export { CALL_AUTO_DISMISS_MS } from './lib/live-call';
export type { CallMedia } from './lib/call-media';
export * from './lib/call-manager.service';
export * from './lib/media-stream.directive';
export * from './lib/call-seller-dialog.component';
export * from './lib/incoming-call.component';
export * from './lib/outgoing-call.component';
export * from './lib/rejoin-call.component';
export * from './lib/in-call.component';
export * from './lib/call-outcome-panel.component';
export * from './lib/call-host.component';
export * from './lib/product-call-buttons.component';
export * from './lib/shop-presence';
export * from './lib/product-url';
export * from './lib/chat/call-add-to-cart';
export * from './lib/chat/call-messages.component';
export * from './lib/chat/call-conversation.component';
export * from './lib/rating/call-rating.component';
export * from './lib/appointments/appointment-time';
export * from './lib/appointments/book-appointment-dialog.component';
export * from './lib/appointments/appointment-list.component';
export * from './lib/appointments/appointment-reminders.component';
export * from './lib/waiting-line/waiting-line-length.component';
