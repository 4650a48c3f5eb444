/** The headOffice.* PosApi methods: state for the Settings card and the fork banner, and keeping the connection string in the keychain. */
import type { HandlerGroup } from '../api';
import type { HeadOfficeStatus } from '../../../shared/contract';
import { PosError } from '../../../shared/errors';
import { headOfficeUrlFrom, type HeadOfficeUrlStore } from './keychain';
import type { HeadOfficeSync } from './sync';

export function createHeadOfficeHandlers(o: { sync: HeadOfficeSync; store: HeadOfficeUrlStore | undefined; env: NodeJS.ProcessEnv }): HandlerGroup {
  const status = async (): Promise<HeadOfficeStatus> => {
    const state = o.sync.state();
    const source = await headOfficeUrlFrom(o.store, o.env);
    return {
      configured: source !== undefined,
      ...(source ? { source: source.source } : {}),
      training: state.training,
      waiting: state.waiting,
      ...(state.lastPushAt ? { lastPushAt: state.lastPushAt } : {}),
      ...(state.ack ? { ack: state.ack } : {}),
      ...(state.problem ? { problem: state.problem } : {}),
      ...(state.forkSeq !== undefined ? { forkSeq: state.forkSeq } : {}),
    };
  };
  const inKeychain = async (change: (store: HeadOfficeUrlStore) => Promise<void>) => {
    if (!o.store) throw new PosError('KEYCHAIN_UNAVAILABLE', 'error.headoffice.noKeychainHereSet');
    try {
      await change(o.store);
    } catch (error) {
      if (error instanceof PosError) throw error;
      throw new PosError('KEYCHAIN_UNAVAILABLE', 'error.headoffice.keychainCouldNotKeep', { value: error instanceof Error ? error.message : String(error) });
    }
  };
  return {
    'headOffice.status': status,
    'headOffice.connect': async ({ url }) => {
      await inKeychain((store) => store.set(url));
      o.sync.nudge();
      return status();
    },
    'headOffice.disconnect': async () => {
      await inKeychain((store) => store.clear());
      return status();
    },
  };
}
