/**
 * The renderer's one door to the engine. In the desktop app the preload has
 * put `window.pos` there; in browser mode we build it over HTTP.
 */
import type { PosApi } from '../../shared/pos-api';
import { createHttpPosApi } from './transport/http';

declare global {
  interface Window {
    pos?: PosApi;
  }
}

export const pos: PosApi = window.pos ?? createHttpPosApi();
