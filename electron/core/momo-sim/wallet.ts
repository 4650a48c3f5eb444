/**
 * The simulator's merchant wallet: one account behind Collection and
 * Disbursement (as most MoMo merchants have), so the balance answer moves
 * with what the simulator settled — collections in (less the fee the caller
 * configured), refunds and payouts out. Decimal strings in and out; exact
 * arithmetic on a fixed scale, no floats.
 */
const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);

export function toScaled(decimal: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) return 0n;
  const value = BigInt(match[2]!) * FACTOR + BigInt((match[3] ?? '').slice(0, SCALE).padEnd(SCALE, '0'));
  return match[1] === '-' ? -value : value;
}

export function fromScaled(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const fraction = String(abs % FACTOR).padStart(SCALE, '0').replace(/0+$/, '');
  return `${sign}${abs / FACTOR}${fraction ? `.${fraction}` : ''}`;
}

export interface Wallet {
  /** A settled, successful movement, once per reference: + for money in, − for money out. */
  settle(referenceId: string, amount: string, direction: 1 | -1, fee?: string): void;
  balance(): string;
}

export function createWallet(opening: string): Wallet {
  let total = toScaled(opening);
  const settled = new Set<string>();
  return {
    settle(referenceId, amount, direction, fee) {
      if (settled.has(referenceId)) return;
      settled.add(referenceId);
      total += BigInt(direction) * toScaled(amount) - (fee ? toScaled(fee) : 0n);
    },
    balance: () => fromScaled(total),
  };
}
