/**
 * Text a till sent, made safe to show: on a terminal no control character,
 * escape sequence or direction override survives (each is written as a
 * visible \u escape, so nothing can clear the screen, move the cursor or
 * fake a line); pages get text through textContent only.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function forTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
