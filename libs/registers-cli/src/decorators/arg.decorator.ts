import { CLI_ARGS_METADATA } from './metadata-keys';
import { CliArgMetadata, CliArgOptions } from '../interfaces/cli-arg-options.interface';

/**
 * Declares a command argument. The type comes from `design:paramtypes` (string, number,
 * boolean, array). No default: required positional. With a default: optional positional
 * that may also be given as `--name value`. Booleans are flags (`--name` / `--no-name`).
 */
export function Arg(name: string, options: CliArgOptions = {}): ParameterDecorator {
  return (target, propertyKey, index) => {
    if (propertyKey === undefined) return;
    const existing: CliArgMetadata[] =
      Reflect.getMetadata(CLI_ARGS_METADATA, target, propertyKey) ?? [];
    const meta: CliArgMetadata = { name, index, ...options };
    Reflect.defineMetadata(CLI_ARGS_METADATA, [...existing, meta], target, propertyKey);
  };
}
