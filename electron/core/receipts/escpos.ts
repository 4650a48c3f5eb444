/**
 * ESC/POS bytes for thermal printers, built with
 * @point-of-sale/receipt-printer-encoder from the shared line layout.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { ValidationError } from '../../../shared/errors';
import { layoutReceipt, type ReceiptColumns } from './layout';
import type { Receipt } from './model';
import { toPrintable, type ReceiptCodepage } from './printable-text';

export interface EscPosOptions {
  /** 32 for 58 mm paper; 42 or 48 for 80 mm (see columnsFor). */
  columns: ReceiptColumns;
  /** Open the cash drawer: honoured only for a paid cash sale that is neither a copy nor training. */
  drawerKick?: boolean;
  /**
   * 'cp858' (default): CP850 + euro, ESC t 19 on Epson and most clones; French accents print.
   * 'cp437': the power-on table of every ESC/POS printer; accents it lacks are transliterated.
   * 'ascii': everything transliterated to plain ASCII, for printers with unknown tables.
   */
  codepage?: ReceiptCodepage;
  /** Default 'partial': the receipt hangs on a hinge instead of falling. */
  cut?: 'full' | 'partial';
  /** Default true; false for printers without native QR (GS ( k). */
  qrCode?: boolean;
}

const RECEIPT_COLUMNS: readonly number[] = [32, 42, 48];
/** Lines fed before the cut: the cutter sits above the print head. */
const FEED_BEFORE_CUT = 4;

/** May the drawer open for this receipt? Reprints and training sales never open it. */
export function opensDrawer(receipt: Receipt, drawerKick: boolean | undefined): boolean {
  return drawerKick === true && receipt.method === 'cash' && receipt.paid && !receipt.copy && !receipt.training;
}

export function encodeEscPos(receipt: Receipt, options: EscPosOptions): Uint8Array {
  if (!RECEIPT_COLUMNS.includes(options.columns)) throw new ValidationError('columns', 'error.receipts.columnsMust3242');
  const codepage = options.codepage ?? 'cp858';
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: options.columns,
    codepageMapping: 'epson',
    feedBeforeCut: FEED_BEFORE_CUT,
    errors: 'strict',
  });
  encoder.initialize().codepage(codepage === 'cp858' ? 'cp858' : 'cp437');
  // First, so the cashier can make change while the receipt prints.
  if (opensDrawer(receipt, options.drawerKick)) encoder.pulse();

  for (const line of layoutReceipt(receipt, options.columns, (text) => toPrintable(text, codepage))) {
    if (line.kind === 'rule') {
      encoder.rule({ style: 'single' });
    } else if (line.kind === 'qr') {
      if (options.qrCode === false) continue;
      encoder
        .align('center')
        .qrcode(line.value, { model: 2, size: options.columns === 32 ? 6 : 7, errorlevel: 'm' })
        .align('left');
    } else {
      encoder.align(line.align);
      if (line.bold) encoder.bold(true);
      if (line.invert) encoder.invert(true);
      if (line.wide) encoder.size(2, 2);
      else if (line.tall) encoder.size(1, 2);
      encoder.text(line.text);
      if (line.wide || line.tall) encoder.size(1, 1);
      if (line.invert) encoder.invert(false);
      if (line.bold) encoder.bold(false);
      encoder.newline();
    }
  }
  encoder.align('left').cut(options.cut ?? 'partial');
  return encoder.encode();
}
