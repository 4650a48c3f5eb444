/**
 * printRawToSpooler against a stand-in `lp` on PATH (CUPS is not installed
 * where the suite runs): a shell script that records its arguments and the
 * bytes it reads from stdin, and answers like CUPS does.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReceipt, encodeEscPos, printRawToSpooler, PrinterError } from '../../../electron/core/receipts';
import { momoSale } from '../../unit/receipts/fixtures';

const unix = process.platform !== 'win32';
let folder = '';
let originalPath: string | undefined;

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'momo-pos-lp-'));
  writeFileSync(
    path.join(folder, 'lp'),
    `#!/bin/sh
printf '%s\\n' "$@" > "${folder}/args"
cat > "${folder}/job"
if [ "$2" = "Missing" ]; then echo 'lp: The printer or class does not exist.' >&2; exit 1; fi
echo "request id is $2-7 (1 file(s))"
`,
  );
  chmodSync(path.join(folder, 'lp'), 0o755);
  originalPath = process.env.PATH;
});

afterAll(() => {
  process.env.PATH = originalPath;
  rmSync(folder, { recursive: true, force: true });
});

describe.runIf(unix)('printing raw through the OS spooler (lp)', () => {
  it('hands the exact bytes to `lp -d NAME -o raw` on stdin and returns the job id', async () => {
    process.env.PATH = `${folder}${path.delimiter}${originalPath ?? ''}`;
    const bytes = encodeEscPos(buildReceipt(momoSale()), { columns: 32 });
    const result = await printRawToSpooler({ printerName: 'Receipts', bytes });
    expect(result).toEqual({ jobId: 'Receipts-7' });
    expect(readFileSync(path.join(folder, 'args'), 'utf8').split('\n').slice(0, -1)).toEqual(['-d', 'Receipts', '-o', 'raw', '-t', 'MoMo POS receipt']);
    expect(new Uint8Array(readFileSync(path.join(folder, 'job')))).toEqual(bytes);
  });

  it('passes on why the spooler refused the job', async () => {
    process.env.PATH = `${folder}${path.delimiter}${originalPath ?? ''}`;
    const failure = await printRawToSpooler({ printerName: 'Missing', bytes: new Uint8Array([0x1b, 0x40]) }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PrinterError);
    expect(failure).toMatchObject({ code: 'PRINTER_SPOOLER_FAILED' });
    expect((failure as Error).message).toContain('The printer or class does not exist.');
  });

  it('says PRINTER_SPOOLER_MISSING when there is no lp at all', async () => {
    process.env.PATH = path.join(folder, 'empty');
    await expect(printRawToSpooler({ printerName: 'Receipts', bytes: new Uint8Array([1]) })).rejects.toMatchObject({ code: 'PRINTER_SPOOLER_MISSING' });
  });

  it('refuses a queue name that could pass for an option or hold a space', async () => {
    for (const printerName of ['-o', 'two words', '', 'a/b']) {
      await expect(printRawToSpooler({ printerName, bytes: new Uint8Array([1]) })).rejects.toMatchObject({ code: 'VALIDATION', field: 'printerName' });
    }
  });
});
