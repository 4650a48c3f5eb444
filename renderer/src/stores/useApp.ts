import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract';
import { isLanguage, type Language } from '../../../shared/i18n/languages';
import { pos } from '../pos';
import { failureOf, type Failure } from './failure';

export type ReceiptWidth = '58mm' | '80mm' | 'A4';
const RECEIPT_WIDTHS: readonly string[] = ['58mm', '80mm', 'A4'];

interface AppState {
  info?: AppInfo;
  /** The engine did not answer app.info: nothing else can work. */
  error?: Failure;
  language: Language;
  receiptWidth: ReceiptWidth;
  load(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
}

export const useApp = create<AppState>((set) => ({
  language: 'en',
  receiptWidth: '80mm',
  async load() {
    // Both at once: the counter waits for one round trip, not two.
    const [result, settings] = await Promise.all([pos.app.info({}), pos.settings.get({})]);
    if (!result.ok) return set({ error: failureOf(result) });
    set({ info: result.data, error: undefined, language: isLanguage(result.data.language) ? result.data.language : 'en' });
    // Settings refine what app.info says (saved language, receipt width); an engine without them is fine.
    if (settings.ok) {
      const { language, receiptWidth } = settings.data;
      set((state) => ({
        language: isLanguage(language) ? language : state.language,
        receiptWidth: typeof receiptWidth === 'string' && RECEIPT_WIDTHS.includes(receiptWidth) ? (receiptWidth as ReceiptWidth) : state.receiptWidth,
      }));
    }
  },
  async setLanguage(language) {
    set({ language });
    // Saved when the engine serves settings.update; the counter switches either way.
    await pos.settings.update({ language });
  },
}));
