/**
 * Printing in the desktop app: the receipt HTML rendered by the engine,
 * printed or saved as PDF with an explicit page size (Electron's silent
 * print otherwise falls back to A4).
 */
import type { BrowserWindow } from 'electron';
import type { HandlerGroup } from '../core/api';

export function createPrintingHandlers(_window: () => BrowserWindow | undefined): HandlerGroup {
  return {};
}
