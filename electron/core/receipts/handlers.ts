/**
 * receipt.render / receipt.print: the receipt of a sale, from the ledger and
 * the merchant settings. HTML for preview, A4, PDF and the print dialog;
 * ESC/POS bytes for the thermal printer.
 */
import type { HandlerGroup } from '../api';
import { noticeOf, PosError } from '../../../shared/errors';
import { buildReceipt, type Receipt } from './model';
import { columnsFor } from './layout';
import { encodeEscPos } from './escpos';
import { renderReceiptHtml } from './html';
import { printRawToSpooler, printToNetworkPrinter } from './transports';
import type { Ledger } from '../ledger';
import type { Settings } from '../settings';
import type { PosContext } from '../context';
import { fiscalBlockOf } from '../fiscal/service';

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const withFiscal = <T>(block: T | undefined): { fiscal?: T } => (block ? { fiscal: block } : {});

export function receiptOf(ledger: Ledger, settings: Settings, training: boolean, saleId: string, copy: boolean): Receipt {
  const sale = ledger.getSale(saleId);
  if (!sale) throw new PosError('NOT_FOUND', 'error.common.noSuchSale');
  const payments = ledger.paymentsForSale(saleId);
  const payment = payments.find((p) => p.status === 'successful') ?? payments.at(-1);
  return buildReceipt({
    merchant: {
      name: settings.merchantName,
      ...(settings.merchantAddress ? { address: settings.merchantAddress } : {}),
      ...(settings.merchantPhone ? { phone: settings.merchantPhone } : {}),
      ...(settings.merchantTin ? { tin: settings.merchantTin } : {}),
      ...(settings.receiptHeader ? { header: settings.receiptHeader } : {}),
      ...(settings.receiptFooter ? { footer: settings.receiptFooter } : {}),
    },
    receiptNumber: sale.receiptNumber,
    issuedAt: sale.createdAt,
    timeZone: TIME_ZONE,
    language: settings.language,
    amountMinor: sale.amountMinor,
    currency: sale.currency,
    method: sale.method,
    status: sale.status,
    ...(sale.method === 'momo' && payment ? { referenceId: payment.referenceId } : {}),
    ...(payment?.financialTransactionId ? { financialTransactionId: payment.financialTransactionId } : {}),
    ...(sale.msisdn ? { payerMsisdn: sale.msisdn } : {}),
    ...(sale.payerName ? { payerName: sale.payerName } : {}),
    ...(sale.note ? { note: sale.note } : {}),
    ...(sale.cashier ? { cashierName: sale.cashier } : {}),
    ...(sale.tenderedMinor !== undefined ? { cashTenderedMinor: sale.tenderedMinor } : {}),
    copy,
    training,
    ...withFiscal(fiscalBlockOf(ledger, `sale:${saleId}`)),
  });
}

export function createReceiptHandlers(context: PosContext): HandlerGroup {
  const training = context.mode === 'training';
  const known = (saleId: string) => {
    if (!context.ledger.getSale(saleId)) throw new PosError('NOT_FOUND', 'error.common.noSuchSale');
  };
  return {
    // The engine decides original or COPY unless told: a print made before makes this one a copy.
    // `print`: the HTML is about to be printed (browser mode prints it itself), so the print is recorded now.
    'receipt.render': ({ saleId, width, copy, print }) => {
      known(saleId);
      const isCopy = copy ?? (print ? !context.ledger.recordReceiptPrint(saleId).firstPrint : context.ledger.receiptPrinted(saleId));
      if (print && copy !== undefined) context.ledger.recordReceiptPrint(saleId);
      return { html: renderReceiptHtml(receiptOf(context.ledger, context.settings(), training, saleId, isCopy), { width }), copy: isCopy };
    },
    'receipt.print': async ({ saleId, copy }) => {
      const settings = context.settings();
      known(saleId);
      const receipt = receiptOf(context.ledger, settings, training, saleId, copy ?? context.ledger.receiptPrinted(saleId));
      const columns = settings.receiptWidth === '58mm' ? columnsFor('58mm') : settings.printerColumns;
      const bytes = encodeEscPos(receipt, { columns, drawerKick: true });
      if (settings.printerKind === 'network' && settings.printerHost) {
        await printToNetworkPrinter({ host: settings.printerHost, port: settings.printerPort, bytes });
        context.ledger.recordReceiptPrint(saleId);
        return { printed: true, ...noticeOf('error.receipts.sentToNetworkPrinter', { where: settings.printerHost }) };
      }
      if (settings.printerKind === 'spooler' && settings.printerQueue) {
        await printRawToSpooler({ printerName: settings.printerQueue, bytes, title: receipt.receiptNumber });
        context.ledger.recordReceiptPrint(saleId);
        return { printed: true, ...noticeOf('error.receipts.sentToQueue', { queue: settings.printerQueue }) };
      }
      return { printed: false, ...noticeOf('error.receipts.noPrinterSetUp') };
    },
  };
}
