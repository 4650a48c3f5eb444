/**
 * A QR code as inline SVG, synchronously: QRCode.create gives the modules and
 * we draw one path of horizontal runs (qrcode's own toString is async, and a
 * sync renderReceiptHtml is simpler for every caller).
 */
import QRCode from 'qrcode';

/** The quiet zone the QR standard asks for, in modules. */
const QUIET_ZONE = 4;

/** `label` is already HTML-escaped by the caller. */
export function qrSvg(value: string, sizeMm: number, escapedLabel: string): string {
  const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  let path = '';
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h-${col - start}z`;
    }
  }
  const box = size + 2 * QUIET_ZONE;
  return (
    `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box} ${box}" width="${sizeMm}mm" height="${sizeMm}mm" ` +
    `shape-rendering="crispEdges" role="img" aria-label="${escapedLabel}">` +
    `<rect width="${box}" height="${box}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  );
}
