/**
 * The ledger's migrations, one file each, in order: file NNNN-<name>.ts holds
 * migration NNNN. Adding one: write the next file and append it here (a test
 * checks the numbers are contiguous and match the file names).
 */
import { migration as m0001 } from './0001-core-money-tables';
import { migration as m0002 } from './0002-payment-exchanges';
import { migration as m0003 } from './0003-z-reports-and-refunds';
import { migration as m0004 } from './0004-head-office-acks';
import { migration as m0005 } from './0005-payments-by-time';
import { migration as m0006 } from './0006-pay-later';
import { migration as m0007 } from './0007-text-receipts';
import { migration as m0008 } from './0008-authority';
import { migration as m0009 } from './0009-fiscal-receipts';
import type { Migration } from './sql';

export type { Migration } from './sql';

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009];
