/**
 * Head office's migrations, one file each, in order: file NNNN-<name>.ts holds
 * migration NNNN. Adding one: write the next file and append it here (a test
 * checks the numbers are contiguous and match the file names).
 */
import { migration as m0001 } from './0001-tills-and-ingest';
import { migration as m0002 } from './0002-chains-bound-to-tills';
import { migration as m0003 } from './0003-momo-callbacks';
import { migration as m0004 } from './0004-fiscal-entry-kinds';
import type { HeadOfficeMigration } from './sql';

export { TILL_GROUP_ROLE, type HeadOfficeMigration } from './sql';

export const HQ_MIGRATIONS: readonly HeadOfficeMigration[] = [m0001, m0002, m0003, m0004];
