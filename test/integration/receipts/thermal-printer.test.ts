/**
 * A TCP listener on 127.0.0.1 plays a network thermal printer (raw port 9100
 * protocol: bytes in, nothing required back); receipts go through the real
 * socket client and are read back from the bytes the "printer" received.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReceipt, encodeEscPos, printToNetworkPrinter, PrinterError } from '../../../electron/core/receipts';
import { formatMoney } from '../../../shared/money';
import { decodeEscPos } from '../../unit/receipts/escpos-decoder';
import { cashSale, MASKED_PAYER, momoSale, PAYER_MSISDN } from '../../unit/receipts/fixtures';

interface FakePrinter {
  port: number;
  /** Resolves with the bytes of the next complete job (connection closed by the sender). */
  nextJob(): Promise<Uint8Array>;
  close(): Promise<void>;
}

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function startFakePrinter(options: { pauseOnConnect?: boolean } = {}): Promise<FakePrinter> {
  const jobs: Uint8Array[] = [];
  const waiting: Array<(job: Uint8Array) => void> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ pauseOnConnect: options.pauseOnConnect === true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (options.pauseOnConnect) return; // a printer that stopped reading (out of paper)
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      socket.end(); // like a printer, hang up once the sender is done
      const job = new Uint8Array(Buffer.concat(chunks));
      const waiter = waiting.shift();
      if (waiter) waiter(job);
      else jobs.push(job);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    nextJob: () => {
      const job = jobs.shift();
      return job ? Promise.resolve(job) : new Promise((resolve) => waiting.push(resolve));
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const normaliseSpaces = (text: string) => text.replace(/\s/g, ' ');

describe('printing to a network thermal printer (TCP 9100)', () => {
  it('prints a paid MoMo sale: amount, receipt number, masked payer, QR, cut, no drawer kick', async () => {
    const printer = await startFakePrinter();
    const receipt = buildReceipt(momoSale({ amountMinor: 25_000 }));
    const job = printer.nextJob();
    await printToNetworkPrinter({ host: '127.0.0.1', port: printer.port, bytes: encodeEscPos(receipt, { columns: 32, drawerKick: true }), timeoutMs: 2_000 });
    const printed = decodeEscPos(await job);

    expect(printed.text).toContain(normaliseSpaces(formatMoney(25_000, 'RWF', 'en-GB')));
    expect(printed.text).toContain('POS1-000042');
    expect(printed.text).toContain(MASKED_PAYER);
    expect(printed.text).not.toContain(PAYER_MSISDN);
    expect(printed.text).toContain('PAID');
    expect(printed.qrPayloads).toEqual([receipt.referenceId]);
    expect(printed.commands[0]).toBe('ESC @');
    expect(printed.commands.at(-1)).toBe('GS V');
    expect(printed.commands).not.toContain('ESC p');
    for (const line of printed.lines) expect(line.cells).toBeLessThanOrEqual(32);
  });

  it('prints a cash sale on 80 mm paper with the drawer kick, cash received and change', async () => {
    const printer = await startFakePrinter();
    const receipt = buildReceipt(cashSale({ amountMinor: 4_500, cashTenderedMinor: 10_000 }));
    const job = printer.nextJob();
    await printToNetworkPrinter({ host: '127.0.0.1', port: printer.port, bytes: encodeEscPos(receipt, { columns: 48, drawerKick: true }), timeoutMs: 2_000 });
    const printed = decodeEscPos(await job);

    expect(printed.text).toContain('RWF 4,500');
    expect(printed.text).toMatch(/Cash received +RWF 10,000/);
    expect(printed.text).toMatch(/Change +RWF 5,500/);
    expect(printed.text).toContain('POS1-000043');
    expect(printed.commands).toContain('ESC p');
    expect(printed.commands.indexOf('ESC p')).toBeLessThan(printed.commands.indexOf('GS V'));
    expect(printed.commands.at(-1)).toBe('GS V');
    expect(printed.qrPayloads).toEqual([]);
  });

  it('prints jobs one after another on the same printer', async () => {
    const printer = await startFakePrinter();
    const first = printer.nextJob();
    await printToNetworkPrinter({ host: '127.0.0.1', port: printer.port, bytes: encodeEscPos(buildReceipt(momoSale()), { columns: 32 }) });
    const second = printer.nextJob();
    await printToNetworkPrinter({ host: '127.0.0.1', port: printer.port, bytes: encodeEscPos(buildReceipt(momoSale({ copy: true })), { columns: 32 }) });
    expect(decodeEscPos(await first).text).not.toContain('COPY');
    expect(decodeEscPos(await second).text).toContain('*** COPY ***');
  });

  it('says PRINTER_UNREACHABLE at once when nothing listens (printer off, wrong port)', async () => {
    const printer = await startFakePrinter();
    const port = printer.port;
    await printer.close();
    const started = Date.now();
    const failure = await printToNetworkPrinter({ host: '127.0.0.1', port, bytes: new Uint8Array([0x1b, 0x40]), timeoutMs: 5_000 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PrinterError);
    expect((failure as PrinterError).code).toBe('PRINTER_UNREACHABLE');
    expect((failure as PrinterError).systemCode).toBe('ECONNREFUSED');
    expect((failure as PrinterError).message).toContain(`127.0.0.1:${port}`);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('says PRINTER_TIMEOUT when the printer stops taking data (out of paper, cover open)', async () => {
    const printer = await startFakePrinter({ pauseOnConnect: true });
    const started = Date.now();
    // More than the kernel buffers on both ends of loopback hold, so the write stalls.
    const bytes = new Uint8Array(48 * 1024 * 1024);
    const failure = await printToNetworkPrinter({ host: '127.0.0.1', port: printer.port, bytes, timeoutMs: 300 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PrinterError);
    expect((failure as PrinterError).code).toBe('PRINTER_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2_000);
    await printer.close();
  });

  it('refuses a bad address before touching the network', async () => {
    await expect(printToNetworkPrinter({ host: '', bytes: new Uint8Array([1]) })).rejects.toMatchObject({ code: 'VALIDATION', field: 'host' });
    await expect(printToNetworkPrinter({ host: '127.0.0.1', port: 70_000, bytes: new Uint8Array([1]) })).rejects.toMatchObject({ field: 'port' });
    await expect(printToNetworkPrinter({ host: '127.0.0.1', bytes: new Uint8Array() })).rejects.toMatchObject({ field: 'bytes' });
  });
});
