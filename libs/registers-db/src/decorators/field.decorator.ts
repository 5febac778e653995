import { MODEL_FIELDS_METADATA } from '../constants';
import type {
  FieldDeclaration,
  FieldOptions,
} from '../metadata/interfaces/field-options.interface';

/**
 * Declares a stored property and refines what is inferred for it. Declarations are kept in
 * declaration order; a subclass starts from a copy of its parent's list.
 */
export function Field(options: FieldOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    if (typeof propertyKey !== 'string') return;
    const ctor = target.constructor;
    const own: FieldDeclaration[] | undefined = Reflect.getOwnMetadata(MODEL_FIELDS_METADATA, ctor);
    const list: FieldDeclaration[] = own ?? [
      ...(Reflect.getMetadata(MODEL_FIELDS_METADATA, ctor) ?? []),
    ];
    const declaration: FieldDeclaration = { property: propertyKey, options: { ...options } };
    const existing = list.findIndex((d) => d.property === propertyKey);
    if (existing >= 0) list[existing] = declaration;
    else list.push(declaration);
    if (!own) Reflect.defineMetadata(MODEL_FIELDS_METADATA, list, ctor);
  };
}
