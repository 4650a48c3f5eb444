/**
 * A pay-later invoice that ended unpaid reads as what happened to it —
 * cancelled, expired, declined or failed — in en, fr and rw, and its next
 * step is a new invoice (never a prompt to a customer who is not there).
 */
import { describe, expect, it } from 'vitest';
import { describePayment, describeSale, LANGUAGES } from '../../shared/messages';

describe('an invoice that ended unpaid', () => {
  it('cancelled (by the shop or at MoMo) is its own state, not "Declined", with "Send a new invoice" first and no retry', () => {
    const d = describePayment({ kind: 'invoice', status: 'rejected', reasonCode: 'TRANSACTION_CANCELED' }, 'en');
    expect(d.kind).toBe('cancelled');
    expect(d.headline).toBe('Invoice cancelled');
    expect(d.sentence).toBe('The invoice was cancelled: the customer can no longer pay it.');
    expect(d.actions[0]).toBe('newInvoice');
    expect(d.actions).not.toContain('retry');
    expect(`${d.sentence} ${d.nextStep}`).not.toMatch(/try again|Declined/i);
  });

  it('declined by the customer is "Declined"; expired is "Invoice expired"; both offer a new invoice, never a retry', () => {
    const declined = describePayment({ kind: 'invoice', status: 'rejected', reasonCode: 'APPROVAL_REJECTED' }, 'en');
    expect(declined).toMatchObject({ kind: 'declined', headline: 'Declined', sentence: 'The customer declined the invoice on their phone.' });
    const expired = describePayment({ kind: 'invoice', status: 'failed', reasonCode: 'EXPIRED' }, 'en');
    expect(expired).toMatchObject({ kind: 'expired', headline: 'Invoice expired' });
    const failed = describePayment({ kind: 'invoice', status: 'failed', reasonCode: 'NOT_ENOUGH_FUNDS' }, 'en');
    expect(failed.kind).toBe('failed');
    for (const d of [declined, expired, failed]) {
      expect(d.actions).toEqual(['newInvoice', 'cash', 'transcript']);
      expect(d.nextStep).toMatch(/new invoice/);
    }
  });

  it('reads in French and Kinyarwanda too, each language its own words', () => {
    for (const language of LANGUAGES) {
      const d = describeSale({ status: 'not_paid', method: 'momo', payments: [{ attempt: 1, kind: 'invoice', status: 'rejected', reasonCode: 'TRANSACTION_CANCELED' }] }, language);
      expect(d.kind).toBe('cancelled');
      if (language !== 'en') expect(d.sentence).not.toBe(describePayment({ kind: 'invoice', status: 'rejected', reasonCode: 'TRANSACTION_CANCELED' }, 'en').sentence);
    }
    expect(describePayment({ kind: 'invoice', status: 'rejected', reasonCode: 'TRANSACTION_CANCELED' }, 'fr').headline).toBe('Facture annulée');
  });

  it('a prompt is unchanged: declined still offers Retry first', () => {
    expect(describePayment({ status: 'rejected', reasonCode: 'APPROVAL_REJECTED' }, 'en').actions[0]).toBe('retry');
  });
});
