/** One argv word, classified once so the later steps never look at its characters again. */
export type Token =
  /** A command word, a positional value or an option's value. */
  | { kind: 'word'; text: string }
  /** `--name`, `--name=value` (`name` is `--name`, `inline` is `value`) or `-n`. */
  | { kind: 'option'; text: string; name: string; inline?: string }
  /** `--`: after it, a command takes every word as a positional. */
  | { kind: 'separator'; text: string };

const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

/**
 * Step 1 of parsing: argv → tokens. `-` and negative numbers (`-5`, `-1.5`) are words, so they
 * can be values. Short flags are not clustered: `-ab` is one option named `-ab`.
 */
export function tokenize(argv: readonly string[]): Token[] {
  return argv.map(tokenOf);
}

function tokenOf(text: string): Token {
  if (text === '--') return { kind: 'separator', text };
  if (!text.startsWith('-') || text === '-' || NEGATIVE_NUMBER.test(text)) {
    return { kind: 'word', text };
  }
  const eq = text.indexOf('=');
  return text.startsWith('--') && eq > 2
    ? { kind: 'option', text, name: text.slice(0, eq), inline: text.slice(eq + 1) }
    : { kind: 'option', text, name: text };
}

/** The value after an option at `tokens[i]`, unless the next token is an option or `--`. */
export function valueAfter(tokens: readonly Token[], i: number): string | undefined {
  const next = tokens[i + 1];
  return next?.kind === 'word' ? next.text : undefined;
}
