/**
 * The engine's composition root: one call builds the router, the event bus
 * and the services behind them, for both the desktop app and browser mode.
 */
import { createRouter, type HandlerGroup, type Router } from '../api';
import { createEventBus, type EventBus } from '../events';
import type { AppInfo, Mode } from '../../../shared/contract';
import { MARKETS } from '../../../shared/markets';

export interface PosOptions {
  dataDir: string;
  dataDirKind: AppInfo['dataDirKind'];
  version: string;
  transport: AppInfo['transport'];
  env?: NodeJS.ProcessEnv;
  /** Shell-specific handlers (printing in Electron). */
  extraHandlers?: HandlerGroup[];
  log?: (line: string) => void;
}

export interface Pos {
  router: Router;
  events: EventBus;
  mode: Mode;
  close(): Promise<void>;
}

export async function startPos(options: PosOptions): Promise<Pos> {
  const log = options.log ?? ((line: string) => console.error(line));
  const events = createEventBus((error) => log(`event listener failed: ${String(error)}`));
  const mode: Mode = 'training';
  const market = MARKETS.mtnrwanda;

  const appHandlers: HandlerGroup = {
    'app.info': () => ({
      version: options.version,
      mode,
      targetEnvironment: market.targetEnvironment,
      country: market.country,
      currency: market.currency,
      merchantName: 'My shop',
      language: 'en',
      quickAmounts: ['500', '1000', '2000', '5000'],
      dataDirKind: options.dataDirKind,
      transport: options.transport,
    }),
  };

  const router = createRouter([appHandlers, ...(options.extraHandlers ?? [])], {
    onUnexpectedError: (method, error) => log(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });

  return {
    router,
    events,
    mode,
    async close() {},
  };
}
