/**
 * Head office as the till sees it (last push, entries waiting, the anchor,
 * a fork): refreshed on a timer and after each change; the connection
 * string goes in once and never comes back.
 */
import { create } from 'zustand';
import type { HeadOfficeStatus } from '../../../shared/contract';
import { pos } from '../pos';
import { failureOf, type Failure } from './failure';

const REFRESH_MS = 15_000;

interface HeadOfficeState {
  status?: HeadOfficeStatus;
  failure?: Failure;
  busy: boolean;
  refresh(): Promise<void>;
  /** Keeps refreshing while something on screen shows head office; returns the stop. */
  watch(): () => void;
  connect(url: string): Promise<boolean>;
  disconnect(): Promise<void>;
}

let watchers = 0;
let timer: ReturnType<typeof setInterval> | undefined;

export const useHeadOffice = create<HeadOfficeState>((set, get) => ({
  busy: false,
  async refresh() {
    const result = await pos.headOffice.status({});
    if (result.ok) set({ status: result.data });
  },
  watch() {
    watchers++;
    if (watchers === 1) {
      void get().refresh();
      timer = setInterval(() => void get().refresh(), REFRESH_MS);
    }
    return () => {
      watchers--;
      if (watchers === 0 && timer) clearInterval(timer);
    };
  },
  async connect(url) {
    set({ busy: true });
    const result = await pos.headOffice.connect({ url });
    if (result.ok) set({ status: result.data, busy: false, failure: undefined });
    else set({ failure: failureOf(result), busy: false });
    return result.ok;
  },
  async disconnect() {
    set({ busy: true });
    const result = await pos.headOffice.disconnect({});
    if (result.ok) set({ status: result.data, busy: false });
    else set({ failure: failureOf(result), busy: false });
  },
}));
