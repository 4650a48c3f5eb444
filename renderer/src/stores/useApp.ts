import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract';
import { pos } from '../pos';

interface AppState {
  info?: AppInfo;
  error?: string;
  load(): Promise<void>;
}

export const useApp = create<AppState>((set) => ({
  async load() {
    const result = await pos.app.info({});
    if (result.ok) set({ info: result.data, error: undefined });
    else set({ error: result.message });
  },
}));
