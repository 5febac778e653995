import { UnknownCommandError, UsageError } from '../errors/cli.errors';
import { usageMessages } from '../errors/messages';
import { didYouMean, suggest } from './suggest';

/** "Unknown command" with the closest of `candidates` as suggestions. */
export function unknownCommand(
  word: string,
  candidates: string[],
  usage: string,
  group?: string,
): UnknownCommandError {
  const prefix = group ? `${group} ` : '';
  const suggestions = suggest(word, candidates).map((s) => `${prefix}${s}`);
  const error = new UnknownCommandError(
    usageMessages.unknownCommand(`${prefix}${word}`, didYouMean(suggestions)),
    { command: `${prefix}${word}`, suggestions },
  );
  error.usage = usage;
  return error;
}

/** "Unknown option" with the closest long flag of `known` as suggestions. */
export function unknownOption(
  flag: string,
  known: string[],
  usage: string,
  command?: string,
): UsageError {
  const suggestions = suggest(
    flag,
    known.filter((k) => k.startsWith('--')),
  );
  const error = new UsageError(usageMessages.unknownOption(flag, didYouMean(suggestions)), {
    option: flag,
    ...(command ? { command } : {}),
  });
  error.usage = usage;
  return error;
}
