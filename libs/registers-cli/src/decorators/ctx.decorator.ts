import { CLI_CTX_PARAM_METADATA } from './metadata-keys';

/** Injects the `CommandContext` (flags, helpers and the `@CliContext()` values) into a command. */
export function Ctx(): ParameterDecorator {
  return (target, propertyKey, index) => {
    if (propertyKey === undefined) return;
    const existing: number[] =
      Reflect.getMetadata(CLI_CTX_PARAM_METADATA, target, propertyKey) ?? [];
    Reflect.defineMetadata(CLI_CTX_PARAM_METADATA, [...existing, index], target, propertyKey);
  };
}
