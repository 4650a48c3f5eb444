/**
 * Getting receipt bytes to a printer from Node: raw TCP (port 9100, "JetDirect")
 * for network printers, the OS spooler in raw mode for local ones.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { englishSentence, ValidationError, type ErrorKey, type ErrorParams } from '../../../shared/errors';

export type PrinterErrorCode =
  | 'PRINTER_UNREACHABLE'
  | 'PRINTER_TIMEOUT'
  | 'PRINTER_SPOOLER_MISSING'
  | 'PRINTER_SPOOLER_FAILED'
  | 'PRINTER_NOT_SUPPORTED';

/** A printing failure, as a value with a code (turned into a sentence by the UI layer). */
export class PrinterError extends Error {
  readonly code: PrinterErrorCode;
  /** The operating system's code when there was one (ECONNREFUSED, EHOSTUNREACH...). */
  readonly systemCode?: string;
  readonly key: ErrorKey;
  readonly params: ErrorParams;
  constructor(code: PrinterErrorCode, key: ErrorKey, params: ErrorParams = {}, options: { cause?: unknown; systemCode?: string } = {}) {
    super(englishSentence(key, params), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PrinterError';
    this.code = code;
    this.key = key;
    this.params = params;
    if (options.systemCode !== undefined) this.systemCode = options.systemCode;
  }
}

export interface NetworkPrintJob {
  host: string;
  /** Raw printing port; 9100 on nearly every network receipt printer. */
  port?: number;
  bytes: Uint8Array;
  /** Deadline for connecting and handing over every byte. Default 10 s. */
  timeoutMs?: number;
}

/** After the last byte, how long to wait for the printer to close its side before we do. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Sends the bytes and resolves once they are all handed over and the
 * connection is closed. Raw 9100 has no acknowledgement: "sent" is the most
 * any client can know. Rejects with PrinterError PRINTER_UNREACHABLE (refused,
 * no route, unknown name, dropped) or PRINTER_TIMEOUT (no answer, or the
 * printer stopped taking data: off, out of paper, cover open).
 */
export async function printToNetworkPrinter(job: NetworkPrintJob): Promise<void> {
  const { host, port = 9100, bytes, timeoutMs = 10_000 } = job;
  if (typeof host !== 'string' || host.trim() === '') throw new ValidationError('host', 'error.receipts.enterPrinterSAddress');
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new ValidationError('port', 'error.receipts.printerPortNumberFrom');
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new ValidationError('bytes', 'error.receipts.nothingPrint');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new ValidationError('timeoutMs', 'error.receipts.timeoutMustPositiveNumber');
  const where = `${host}:${port}`;

  return new Promise<void>((resolve, reject) => {
    let connected = false;
    let sent = false;
    let settled = false;
    let grace: NodeJS.Timeout | undefined;
    const socket = net.createConnection({ host, port });

    const settle = (error?: PrinterError) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (grace) clearTimeout(grace);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const deadline = setTimeout(() => {
      settle(
        connected
          ? new PrinterError('PRINTER_TIMEOUT', 'error.printer.stoppedTakingData', { where, timeoutMs })
          : new PrinterError('PRINTER_TIMEOUT', 'error.printer.noAnswerWithin', { where, timeoutMs }),
      );
    }, timeoutMs);

    socket.on('connect', () => {
      connected = true;
      socket.end(bytes);
    });
    // Printers may answer with status bytes; read and drop them so the socket closes cleanly.
    socket.on('data', () => {});
    socket.on('finish', () => {
      sent = true;
      grace = setTimeout(() => settle(), CLOSE_GRACE_MS);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => settle(socketError(error, where, connected)));
    socket.on('close', () => {
      if (sent) settle();
      else settle(new PrinterError('PRINTER_UNREACHABLE', 'error.printer.closedBeforeReceipt', { where }));
    });
  });
}

function socketError(error: NodeJS.ErrnoException, where: string, connected: boolean): PrinterError {
  const systemCode = error.code;
  const details = { cause: error, ...(systemCode ? { systemCode } : {}) };
  switch (systemCode) {
    case 'ECONNREFUSED':
      return new PrinterError('PRINTER_UNREACHABLE', 'error.printer.refusedConnection', { where }, details);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return new PrinterError('PRINTER_UNREACHABLE', 'error.printer.cannotBeReached', { where }, details);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PrinterError('PRINTER_UNREACHABLE', 'error.printer.notFound', { where }, details);
    case 'ETIMEDOUT':
      return new PrinterError('PRINTER_TIMEOUT', 'error.printer.didNotAnswer', { where }, details);
    default:
      return new PrinterError('PRINTER_UNREACHABLE', connected ? 'error.printer.brokeWhilePrinting' : 'error.printer.couldNotConnect', { where, detail: systemCode ?? error.message }, details);
  }
}

export interface SpoolerPrintJob {
  /** The queue name, as `lpstat -p` lists it. */
  printerName: string;
  bytes: Uint8Array;
  /** Job title the spooler shows. */
  title?: string;
  /** Deadline for the spooler to accept the job (not to print it). Default 15 s. */
  timeoutMs?: number;
}

// CUPS queue names: printable, no spaces, '/', '#' or '\'; a leading '-' could pass for an option.
const QUEUE_NAME = /^[^\s/#\\\-\u0000-\u001f\u007f][^\s/#\\\u0000-\u001f\u007f]{0,126}$/;

/**
 * Hands the bytes to the OS spooler untouched: `lp -d NAME -o raw` on Linux
 * and macOS (CUPS), bytes on stdin, no shell. Resolves with the job id CUPS
 * reports. Windows is not supported yet (raw printing there needs the
 * winspool API, WritePrinter with datatype RAW, through a native module):
 * it rejects with PRINTER_NOT_SUPPORTED; use a network printer or the print dialog.
 */
export async function printRawToSpooler(job: SpoolerPrintJob): Promise<{ jobId?: string }> {
  const { printerName, bytes, title = 'MoMo POS receipt', timeoutMs = 15_000 } = job;
  if (typeof printerName !== 'string' || !QUEUE_NAME.test(printerName)) {
    throw new ValidationError('printerName', 'error.receipts.choosePrinterFromList');
  }
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new ValidationError('bytes', 'error.receipts.nothingPrint');
  if (process.platform === 'win32') {
    throw new PrinterError('PRINTER_NOT_SUPPORTED', 'error.printer.windowsRawNotSupported');
  }
  const cleanTitle = title.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 80);

  return new Promise((resolve, reject) => {
    let settled = false;
    let stdout = '';
    let stderr = '';
    const child = spawn('lp', ['-d', printerName, '-o', 'raw', '-t', cleanTitle], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const settle = (outcome: { error: PrinterError } | { jobId?: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome);
    };
    const deadline = setTimeout(() => {
      child.kill('SIGTERM');
      settle({ error: new PrinterError('PRINTER_TIMEOUT', 'error.printer.spoolerTimeout', { printerName, timeoutMs }) });
    }, timeoutMs);

    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      settle({
        error:
          error.code === 'ENOENT'
            ? new PrinterError('PRINTER_SPOOLER_MISSING', 'error.printer.spoolerMissing', {}, { cause: error, systemCode: 'ENOENT' })
            : new PrinterError('PRINTER_SPOOLER_FAILED', 'error.printer.spoolerCouldNotStart', { detail: error.message }, { cause: error, ...(error.code ? { systemCode: error.code } : {}) }),
      });
    });
    child.on('close', (code) => {
      if (code === 0) {
        const jobId = /request id is (\S+)/i.exec(stdout)?.[1];
        settle(jobId ? { jobId } : {});
      } else {
        const reason = stderr.trim().split('\n')[0]?.slice(0, 300) || `lp exited with code ${String(code)}`;
        settle({ error: new PrinterError('PRINTER_SPOOLER_FAILED', 'error.printer.spoolerRefused', { printerName, reason }) });
      }
    });
    // lp may exit before reading everything (unknown queue): its exit code says why, not EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(bytes);
  });
}
