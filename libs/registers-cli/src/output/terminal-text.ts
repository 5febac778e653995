/**
 * Control characters (C0 but line feed and tab, DEL, C1). Printed raw they command the
 * terminal: ESC starts sequences that clear the screen, move the cursor or retitle the
 * window, CR and backspace overwrite what was printed, BEL rings.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function escapeOne(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` with each control character written as its `\uXXXX` escape (ESC → `\u001b`, BEL →
 * `\u0007`), so data shows as visible text instead of acting on the terminal. Line feeds and
 * tabs stay: they only lay text out.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeOne);
}
