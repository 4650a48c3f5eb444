/**
 * The few words a receipt prints, in the three languages the app speaks.
 * Kinyarwanda is a first draft: have a native speaker check it before a
 * Rwandan merchant sees it.
 */
export type ReceiptLanguage = 'en' | 'fr' | 'rw';

export const RECEIPT_LANGUAGES: readonly ReceiptLanguage[] = ['en', 'fr', 'rw'];

export interface ReceiptLabels {
  receiptNumber: string;
  date: string;
  time: string;
  cashier: string;
  total: string;
  paidWith: string;
  momo: string;
  cash: string;
  paid: string;
  notPaid: string;
  refunded: string;
  awaitingApproval: string;
  payer: string;
  payerName: string;
  transactionId: string;
  reference: string;
  cashReceived: string;
  change: string;
  note: string;
  phone: string;
  tin: string;
  copy: string;
  training: string;
  notARealPayment: string;
  thankYou: string;
}

export const RECEIPT_LABELS: Readonly<Record<ReceiptLanguage, ReceiptLabels>> = {
  en: {
    receiptNumber: 'Receipt no.',
    date: 'Date',
    time: 'Time',
    cashier: 'Cashier',
    total: 'TOTAL',
    paidWith: 'Paid with',
    momo: 'MTN MoMo',
    cash: 'Cash',
    paid: 'PAID',
    notPaid: 'NOT PAID',
    refunded: 'REFUNDED',
    awaitingApproval: 'Waiting for the customer to approve',
    payer: 'Payer',
    payerName: 'Name',
    transactionId: 'Transaction ID',
    reference: 'Reference',
    cashReceived: 'Cash received',
    change: 'Change',
    note: 'Note',
    phone: 'Tel',
    tin: 'TIN',
    copy: 'COPY',
    training: 'TRAINING',
    notARealPayment: 'NOT A REAL PAYMENT',
    thankYou: 'Thank you',
  },
  fr: {
    receiptNumber: 'Reçu n°',
    date: 'Date',
    time: 'Heure',
    cashier: 'Caissier',
    total: 'TOTAL',
    paidWith: 'Payé par',
    momo: 'MTN MoMo',
    cash: 'Espèces',
    paid: 'PAYÉ',
    notPaid: 'NON PAYÉ',
    refunded: 'REMBOURSÉ',
    awaitingApproval: 'En attente de la validation du client',
    payer: 'Payeur',
    payerName: 'Nom',
    transactionId: 'ID transaction',
    reference: 'Référence',
    cashReceived: 'Espèces reçues',
    change: 'Monnaie rendue',
    note: 'Note',
    phone: 'Tél',
    tin: 'NIF',
    copy: 'COPIE',
    training: 'FORMATION',
    notARealPayment: 'PAS UN VRAI PAIEMENT',
    thankYou: 'Merci',
  },
  rw: {
    receiptNumber: 'Inyemezabuguzi No.',
    date: 'Itariki',
    time: 'Isaha',
    cashier: 'Kasiye',
    total: 'IGITERANYO',
    paidWith: 'Uburyo bwo kwishyura',
    momo: 'MTN MoMo',
    cash: 'Amafaranga mu ntoki',
    paid: 'BYISHYUWE',
    notPaid: 'NTIBYISHYUWE',
    refunded: 'BYASUBIJWE',
    awaitingApproval: 'Dutegereje ko umukiriya yemeza',
    payer: 'Uwishyuye',
    payerName: 'Izina',
    transactionId: 'Nimero y’igikorwa',
    reference: 'Referansi',
    cashReceived: 'Amafaranga yatanzwe',
    change: 'Amafaranga asubijwe',
    note: 'Icyitonderwa',
    phone: 'Tel',
    tin: 'TIN',
    copy: 'KOPI',
    training: 'IMYITOZO',
    notARealPayment: 'SI UBWISHYU NYABWO',
    thankYou: 'Murakoze',
  },
};

/** The Intl locale used for amounts and dates when the caller gives none: day-first everywhere MoMo runs. */
export const DEFAULT_LOCALE: Readonly<Record<ReceiptLanguage, string>> = {
  en: 'en-GB',
  fr: 'fr-FR',
  rw: 'rw-RW',
};
