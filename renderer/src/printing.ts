/**
 * Browser mode's print path: the receipt HTML in a window of its own, then
 * the browser's print dialog (whose "Save as PDF" destination is the PDF
 * path). The window inherits this page's CSP, so the receipt's inline
 * scripts (there should be none) would not run; its inline styles do.
 */
export function printInNewWindow(html: string): boolean {
  const win = openPrintWindow();
  if (!win) return false;
  printIn(win, html);
  return true;
}

/** Opened at once, in the click itself (a popup opened after an await may be blocked); filled by `printIn`. */
export function openPrintWindow(): Window | null {
  return window.open('', '_blank', 'popup,width=480,height=760');
}

export function printIn(win: Window, html: string): void {
  win.document.open();
  win.document.write(html);
  win.document.close();
  const print = () => {
    win.focus();
    win.print();
  };
  // Let the receipt lay out (and its images decode) before the dialog takes it.
  if (win.document.readyState === 'complete') setTimeout(print, 100);
  else win.addEventListener('load', () => setTimeout(print, 100), { once: true });
}
