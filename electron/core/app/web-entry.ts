/**
 * `npm run web`: the engine and the built renderer on 127.0.0.1, for
 * development in a browser and for the e2e tests. The browser-mode entry
 * point, on top beside the desktop one (`electron/main`): it starts the
 * engine (`./index.ts`) and serves it through the plain server in `../web`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPos, startupFailureText } from './index';
import { startWebServer } from '../web';
import { keychainHeadOfficeStore } from '../headoffice';
import { shellLanguage, translate, type MessageKey, type MessageParams } from '../../../shared/i18n';
import { settleDataDir } from '../data-dir';
import { loadKeytar } from '../secrets';
import { keychainVaultsFor } from '../setup';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const say = (key: MessageKey, params?: MessageParams) => translate(shellLanguage(process.env), key, params);
  const portText = process.env.PORT ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(say('app.web.badPort', { value: JSON.stringify(portText) }));
    process.exit(2);
  }
  const dataDir = settleDataDir(undefined, process.env, (line) => console.error(line));
  const keytar = await loadKeytar();
  const pos = await startPos({
    dataDir,
    dataDirKind: process.env.MOMO_POS_DATA_DIR ? 'custom' : 'user-data',
    version,
    transport: 'http',
    vaultFor: keychainVaultsFor(keytar),
    headOfficeStore: keychainHeadOfficeStore(keytar),
  });
  const heartbeatMs = Number(process.env.MOMO_POS_HEARTBEAT_MS ?? '') || undefined;
  // Scripts and tests may call with a bearer token of their own choosing (never the printed one, which opens one browser session).
  const apiToken = process.env.MOMO_POS_WEB_API_TOKEN || undefined;
  if (apiToken !== undefined && apiToken.length < 24) {
    console.error(say('app.web.shortToken'));
    process.exit(2);
  }
  const server = await startWebServer({ router: pos.router, events: pos.events, staticDir: path.join(root, 'out/renderer'), port, ...(apiToken ? { apiToken } : {}), ...(heartbeatMs ? { heartbeatMs } : {}) });
  console.log(say(pos.mode === 'live' ? 'app.web.readyLive' : 'app.web.readyTraining', { address: server.openUrl }));
  let stopping: Promise<void> | undefined;
  // Ctrl-C reaches both this server and the npm script that started it, which passes it on: stop once.
  const stop = () => (stopping ??= (async () => {
    await server.close();
    await pos.close();
    process.exit(0);
  })());
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const language = shellLanguage(process.env);
  console.error(translate(language, 'app.web.couldNotStart', { why: startupFailureText(error, language) }));
  process.exit(1);
});
