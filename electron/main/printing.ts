/**
 * Printing in the desktop app: the engine's receipt HTML saved as PDF with
 * an explicit page size (Electron's silent print otherwise falls back to A4),
 * in a hidden, sandboxed window with JavaScript off.
 */
import { BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { HandlerGroup } from '../core/api';
import type { PosContext } from '../core/context';
import { pageSizeFor, receiptOf, renderReceiptHtml } from '../core/receipts';

const MM_PER_INCH = 25.4;

/** printToPDF's page size in inches: the receipt roll's width and height, or A4. */
export function pdfPageSize(size: ReturnType<typeof pageSizeFor>): 'A4' | { width: number; height: number } {
  return size === 'A4' ? 'A4' : { width: size.widthMm / MM_PER_INCH, height: size.heightMm / MM_PER_INCH };
}

async function htmlToPdf(html: string, size: ReturnType<typeof pageSizeFor>): Promise<Buffer> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, disableBlinkFeatures: 'Auxclick' },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await window.webContents.printToPDF({
      printBackground: true,
      preferCSSPageSize: true,
      pageSize: pdfPageSize(size),
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
    });
  } finally {
    window.destroy();
  }
}

export function createPrintingHandlers(mainWindow: () => BrowserWindow | undefined, context: PosContext): HandlerGroup {
  return {
    'receipt.savePdf': async ({ saleId, width, copy }) => {
      const receipt = receiptOf(context.ledger, context.settings(), context.mode === 'training', saleId, copy ?? false);
      const pdf = await htmlToPdf(renderReceiptHtml(receipt, { width }), pageSizeFor(receipt, width));
      const parent = mainWindow();
      const options = { defaultPath: `receipt-${receipt.receiptNumber}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
      const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return {};
      await writeFile(choice.filePath, pdf);
      return { path: choice.filePath };
    },
  };
}
