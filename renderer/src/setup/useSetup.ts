/**
 * Set-up and settings: the wizard's place, the market being chosen, which
 * keys are stored (flags only), the connection test, the shop details, and
 * the switch between training and live.
 *
 * Secrets pass through `saveKeys` on their way to the engine and are never
 * kept here: the forms read them from their inputs and empty them after.
 */
import { create } from 'zustand';
import type { ConnectionTest, CredentialsStatus, InputOf, SettingsView } from '../../../shared/contract';
import { MARKETS, marketFor } from '../../../shared/markets';
import type { MessageKey } from '../../../shared/i18n';
import { pos } from '../pos';
import { failureOf, type Failure } from '../stores/failure';
import { useApp } from '../stores/useApp';

export type SetupScreen = 'wizard' | 'settings';
export const STEPS = ['country', 'environment', 'keys', 'test', 'shop', 'golive'] as const;
export type StepId = (typeof STEPS)[number];
export type Environment = 'sandbox' | 'production';
/** Which part of the screen a message belongs to. */
export type Area = 'market' | 'keys' | 'provision' | 'shop' | 'golive' | 'training' | 'clear';

export type KeysInput = Omit<InputOf<'credentials.set'>, 'market'>;
export type ShopPatch = InputOf<'settings.update'>;

/** The countries MoMo POS knows (docs/momo.md), by production target environment. */
export const COUNTRIES = Object.values(MARKETS).filter((market) => market.targetEnvironment !== 'sandbox');
const DEFAULT_COUNTRY = 'mtnrwanda';

export function marketOfChoice(country: string, environment: Environment) {
  return environment === 'sandbox' ? MARKETS.sandbox : (marketFor(country) ?? MARKETS.mtnrwanda);
}

/** Our own words by key; the engine's refusals as they came (shown through describeFailure, in the cashier's language). */
export interface Message {
  area: Area;
  tone: 'ok' | 'error';
  key?: MessageKey;
  failure?: Failure;
}

interface SetupState {
  screen?: SetupScreen;
  step: StepId;
  status?: CredentialsStatus;
  settings?: SettingsView;
  /** The market being chosen (saved when leaving the environment step). */
  country: string;
  environment: Environment;
  /** The API address; the market's default unless changed under Advanced. */
  baseUrl: string;
  busy?: Area | 'test' | 'load';
  message?: Message;
  connection?: ConnectionTest;

  openWizard(step?: StepId): Promise<void>;
  openSettings(): Promise<void>;
  close(): void;
  goTo(step: StepId): void;
  /** A refusal decided on screen, before asking the engine. */
  refuse(area: Area, key: MessageKey): void;
  /** Reads keys and settings; `takeChoices` also starts the wizard's choices from the saved market. */
  load(takeChoices?: boolean): Promise<void>;
  chooseCountry(country: string): void;
  chooseEnvironment(environment: Environment): void;
  setBaseUrl(text: string): void;
  /** Checks the market chosen (saved only at Go live); answers whether the wizard may go on. */
  saveMarket(): Promise<boolean>;
  saveKeys(keys: KeysInput): Promise<boolean>;
  provision(): Promise<void>;
  testConnection(): Promise<void>;
  saveShop(patch: ShopPatch): Promise<boolean>;
  goLive(): Promise<boolean>;
  /** The training switch turned off: live if set up, else the wizard where it stopped, saying why. */
  leaveTraining(): Promise<void>;
  useTraining(): Promise<void>;
  clearKeys(): Promise<void>;
}

/** The market the stored settings describe, as the wizard's choices. */
function choicesFrom(settings: SettingsView, previousCountry: string): Pick<SetupState, 'country' | 'environment' | 'baseUrl'> {
  const targetEnvironment = typeof settings.targetEnvironment === 'string' ? settings.targetEnvironment : DEFAULT_COUNTRY;
  const baseUrl = typeof settings.baseUrl === 'string' ? settings.baseUrl : '';
  if (targetEnvironment === 'sandbox') return { environment: 'sandbox', country: previousCountry, baseUrl };
  return { environment: 'production', country: marketFor(targetEnvironment) ? targetEnvironment : DEFAULT_COUNTRY, baseUrl };
}

/** In the wizard, the market being chosen (keys, tests and go-live are about it); elsewhere the saved one. */
function marketChoice(state: SetupState): InputOf<'credentials.testConnection'>['market'] {
  if (state.screen !== 'wizard') return undefined;
  const market = marketOfChoice(state.country, state.environment);
  return { targetEnvironment: market.targetEnvironment, baseUrl: state.baseUrl.trim() || market.baseUrl };
}

async function refreshApp(): Promise<void> {
  await useApp.getState().load();
}

export const useSetup = create<SetupState>((set, get) => ({
  step: 'country',
  country: DEFAULT_COUNTRY,
  environment: 'sandbox',
  baseUrl: MARKETS.sandbox.baseUrl,

  async openWizard(step = 'country') {
    set({ screen: 'wizard', step, message: undefined, connection: undefined });
    await get().load(true);
  },
  async openSettings() {
    set({ screen: 'settings', message: undefined, connection: undefined });
    await get().load(true);
  },
  close() {
    set({ screen: undefined, message: undefined, busy: undefined });
  },
  goTo(step) {
    set({ step, message: undefined });
  },
  refuse(area, key) {
    set({ message: { area, tone: 'error', key } });
  },

  async load(takeChoices = false) {
    set({ busy: 'load' });
    const settings = await pos.settings.get({});
    if (settings.ok) set((state) => ({ settings: settings.data, ...(takeChoices ? choicesFrom(settings.data, state.country) : {}) }));
    const status = await pos.credentials.status({ market: marketChoice(get()) });
    set({ busy: undefined, ...(status.ok ? { status: status.data } : { message: { area: 'keys', tone: 'error', failure: failureOf(status) } }) });
  },

  chooseCountry(country) {
    set((state) => ({ country, baseUrl: marketOfChoice(country, state.environment).baseUrl, message: undefined }));
  },
  chooseEnvironment(environment) {
    set((state) => ({ environment, baseUrl: marketOfChoice(state.country, environment).baseUrl, message: undefined }));
  },
  setBaseUrl(text) {
    set({ baseUrl: text });
  },

  async saveMarket() {
    // Nothing is saved here: the training counter keeps its market until the wizard goes live.
    set({ connection: undefined, message: undefined });
    await get().load();
    return true;
  },

  async saveKeys(keys) {
    const given = Object.fromEntries(Object.entries(keys).filter(([, value]) => typeof value === 'string' && value.trim() !== '')) as KeysInput;
    if (!Object.keys(given).length) {
      set({ message: { area: 'keys', tone: 'error', key: 'setup.keys.typeOne' } });
      return false;
    }
    set({ busy: 'keys', message: undefined, connection: undefined });
    const result = await pos.credentials.set({ ...given, market: marketChoice(get()) });
    if (!result.ok) {
      const failure = failureOf(result);
      if (failure.code === 'KEYCHAIN_UNAVAILABLE') {
        // The banner says why and how to fix it; here, only what happened.
        set((state) => ({
          busy: undefined,
          status: { available: false, problem: failure.message, set: state.status?.set ?? {} },
          message: { area: 'keys', tone: 'error', key: 'setup.keys.notSaved' },
        }));
        return false;
      }
      set({ busy: undefined, message: { area: 'keys', tone: 'error', failure } });
      return false;
    }
    set({ busy: undefined, status: result.data, message: { area: 'keys', tone: 'ok', key: 'setup.keys.saved' } });
    await refreshApp();
    return true;
  },

  async provision() {
    set({ busy: 'provision', message: undefined, connection: undefined });
    const result = await pos.credentials.provisionSandbox({ market: marketChoice(get()) });
    if (!result.ok) {
      set({ busy: undefined, message: { area: 'provision', tone: 'error', failure: failureOf(result) } });
      return;
    }
    set({ busy: undefined, status: result.data, message: { area: 'provision', tone: 'ok', key: 'setup.keys.provisioned' } });
    await refreshApp();
  },

  async testConnection() {
    set({ busy: 'test', message: undefined, connection: undefined });
    const result = await pos.credentials.testConnection({ market: marketChoice(get()) });
    set({ busy: undefined, connection: result.ok ? result.data : { ok: false, message: failureOf(result).message } });
  },

  async saveShop(patch) {
    set({ busy: 'shop', message: undefined });
    const result = await pos.settings.update(patch);
    if (!result.ok) {
      set({ busy: undefined, message: { area: 'shop', tone: 'error', failure: failureOf(result) } });
      return false;
    }
    set({ busy: undefined, settings: result.data, message: { area: 'shop', tone: 'ok', key: 'setup.shopSaved' } });
    await refreshApp();
    return true;
  },

  async goLive() {
    set({ busy: 'golive', message: undefined });
    const result = await pos.credentials.goLive({ market: marketChoice(get()) });
    if (!result.ok) {
      set({ busy: undefined, message: { area: 'golive', tone: 'error', failure: failureOf(result) } });
      return false;
    }
    set({ busy: undefined, screen: undefined, step: 'country', connection: undefined });
    await refreshApp();
    return true;
  },

  async leaveTraining() {
    if (await get().goLive()) return;
    const message = get().message;
    await get().load();
    const keys = get().status?.set ?? {};
    const step: StepId = get().status?.available === false || !keys.collectionSubscriptionKey ? 'country' : 'golive';
    set({ screen: 'wizard', step, ...(message ? { message: { ...message, area: 'training' } } : {}) });
  },

  async useTraining() {
    set({ busy: 'training', message: undefined });
    const result = await pos.credentials.useTraining({});
    set({ busy: undefined, ...(result.ok ? {} : { message: { area: 'training', tone: 'error', failure: failureOf(result) } }) });
    await refreshApp();
  },

  async clearKeys() {
    set({ busy: 'clear', message: undefined, connection: undefined });
    const result = await pos.credentials.clear({ market: marketChoice(get()) });
    if (!result.ok) {
      set({ busy: undefined, message: { area: 'clear', tone: 'error', failure: failureOf(result) } });
      return;
    }
    set({ busy: undefined, status: result.data, message: { area: 'clear', tone: 'ok', key: 'setup.keys.cleared' } });
    await refreshApp();
  },
}));
