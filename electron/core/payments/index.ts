export { createPaymentEngine, statusFromMomo, type PaymentEngine, type PaymentEngineOptions, type ChargeInput } from './engine';
export { DEFAULT_SCHEDULE, nextPollDelay, type PollSchedule } from './schedule';
export { renderTranscript, type TranscriptInput } from './transcript';
