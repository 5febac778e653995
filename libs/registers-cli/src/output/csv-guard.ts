/**
 * First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection):
 * `=`, `+`, `-`, `@`, tab and carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One plain decimal number and nothing else (`-5`, `+3`, `-12.50`): no formula can hide in it. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * A CSV cell a spreadsheet will not run: text starting like a formula gets a leading `'`,
 * which spreadsheets show as text. `text` is the cell as written; `value` is what the command
 * returned. Numbers (and bigints) stay as they are, so `-5` remains a negative number, and so
 * does a string that is one plain decimal number (drivers return DECIMAL columns as `'-12.50'`).
 */
export function guardCsvCell(text: string, value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return text;
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
