/**
 * Money movements (payments, invoices, refunds): one driver takes each from
 * recorded to final; what differs per kind is its MovementKind. Other
 * folders import only from here.
 */
export { createMovementDriver, asMomoError, CALLBACK_FAST_INTERVAL_MS, CALLBACK_STEPS, callbackSchedule, type DriverCallbacks, type Movement, type MovementDriver, type MovementKind, type NotSendable, type TransitionDetail } from './driver';
export {
  DEFAULT_SCHEDULE,
  INVOICE_SCHEDULE,
  INVOICE_SCHEDULE_WITH_CALLBACKS,
  INVOICE_GRACE_MS,
  nextPollDelay,
  resolveRetryDelay,
  statusFromMomo,
  type PollSchedule,
} from './schedule';
