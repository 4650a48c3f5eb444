/** One physical line of a receipt, as the layout hands it to both renderings (its own file: the fiscal block and the layout both need it). */
export type PrintLine =
  | {
      kind: 'text';
      /** Never longer than columns / (wide ? 2 : 1) characters. */
      text: string;
      align: 'left' | 'center' | 'right';
      bold?: boolean;
      /** Double width and height. */
      wide?: boolean;
      /** Double height only. */
      tall?: boolean;
      /** White on black, padded to the full width so it prints as a bar. */
      invert?: boolean;
      /** What the line is, for styling: banners, merchant name, amount. */
      role?: 'training' | 'copy' | 'status' | 'merchant' | 'amount' | 'detail' | 'footer';
    }
  | { kind: 'rule' }
  | { kind: 'qr'; value: string };
