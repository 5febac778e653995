import type { ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';

export type ValidateFn = (
  object: object,
  options: ValidatorOptions,
) => Promise<ValidationError[]> | ValidationError[];

async function throws(run: () => unknown): Promise<boolean> {
  try {
    await run();
    return false;
  } catch {
    return true;
  }
}

/** The nested DTOs inside a property's value, with their index when in an array. */
function nestedObjects(value: unknown): Array<[string | undefined, object]> {
  if (Array.isArray(value)) {
    return value.flatMap((item, index): Array<[string, object]> =>
      item !== null && typeof item === 'object' ? [[String(index), item as object]] : [],
    );
  }
  return value !== null && typeof value === 'object' ? [[undefined, value]] : [];
}

/**
 * When a class-validator rule throws instead of answering (validator.js and class-validator
 * have inputs they crash on), the whole validation is lost. This re-runs the rules one
 * property at a time, on a copy of the DTO holding only that property, and then inside the
 * nested DTOs of the property that threw, to name the innermost field whose rule threw
 * (`['items', '0', 'quantity']`). Undefined when no single property reproduces the throw.
 */
export async function findThrowingPath(
  entity: object,
  validate: ValidateFn,
  options: ValidatorOptions,
): Promise<string[] | undefined> {
  const probeOptions = { ...options, skipMissingProperties: true };
  for (const key of Object.keys(entity)) {
    if (key === 'constructor') continue;
    const probe = Object.create(Object.getPrototypeOf(entity) as object) as Record<string, unknown>;
    probe[key] = (entity as Record<string, unknown>)[key];
    if (!(await throws(() => validate(probe, probeOptions)))) continue;
    for (const [index, nested] of nestedObjects(probe[key])) {
      const inner = await findThrowingPath(nested, validate, options);
      if (inner) return index === undefined ? [key, ...inner] : [key, index, ...inner];
    }
    return [key];
  }
  return undefined;
}

/** A validation error for the field at `path`, nested the way class-validator nests them. */
export function ruleCrashError(path: string[]): ValidationError {
  const [property, ...rest] = path;
  if (rest.length) return { property, children: [ruleCrashError(rest)] };
  return {
    property,
    constraints: {
      checkable: `${property} could not be checked by its validation rules; send the type and format the API documents`,
    },
    children: [],
  };
}
