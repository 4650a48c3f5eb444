/** Support: the app's log on disk and the bundle a merchant sends support. */
export { buildSupportBundle, BUNDLE_PARTS, DEFAULT_LOG_DAYS, type SupportBundle, type SupportBundleInput, type SupportLedgerTools } from './bundle';
export { fileLog, logFileName, logsDir, recentLogs, LOG_DAYS_KEPT, LOGS_FOLDER } from './logs';
