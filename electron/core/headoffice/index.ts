/**
 * Head office: every till's journal in one PostgreSQL. The till pushes
 * (push, sync); head office checks and keeps (schema, migrate), reports
 * (report) and hands out till roles (tills).
 */
export { HQ_URL_VARIABLE, connectHeadOffice, describeUrl, checkUrl, headOfficeProblem } from './connection';
export { migrateHeadOffice, headOfficeSchemaVersion } from './migrate';
export { HQ_MIGRATIONS, HQ_LATEST_VERSION, TILL_GROUP_ROLE, type HeadOfficeMigration } from './schema';
export { addTill, scramVerifier, listTills, revokeTill, rotateTill, unbindTill, setTillZone, type AddedTill, type TillOptions, type TillRow } from './tills';
export { forTerminal } from './escape';
export { ENTRY_SCHEMAS, currencyLimits, CLOCK_SKEW_MINUTES } from './entry-schema';
export { readHeadOfficeDay, addTotals, openAlarms, closeAlarm, formatTotal, type HeadOfficeDay, type TillDay, type TillFiscal, readTillsFiscal, type DayTotals, type ChainStatus, type HeadOfficeAlarm, type AlarmKind } from './report';
export { pushJournal, ingest, toWire, DEFAULT_BATCH_SIZE, type PushOutcome, type PushStatus, type PushOptions, type IngestAnswer, type WireEntry } from './push';
export { startHeadOfficeSync, type HeadOfficeSync, type HeadOfficeState, type HeadOfficeSyncOptions } from './sync';
export { compareWithHeadOffice, type HeadOfficeComparison } from './compare';
export { startHeadOfficeWeb, headOfficeRouter } from './web';
export { keychainHeadOfficeStore, headOfficeUrlFrom, HQ_KEYCHAIN_SERVICE, type HeadOfficeUrlStore } from './keychain';
export { createHeadOfficeHandlers } from './handlers';
export { startCallbackServer, callbackUrlFor, CALLBACK_BODY_LIMIT, CALLBACK_PATH, type CallbackServer, type CallbackServerOptions } from './callback-server';
export { startCallbackListener, startTillCallbacks, callbackBaseProblem, callbackRegistration, createCallbackRelay, perKeyGate, HQ_CALLBACK_BASE_VARIABLE, type CallbackListener, type CallbackListenerOptions, type CallbackRelay, type TillCallbackConfig, type TillCallbacks } from './callback-listener';
