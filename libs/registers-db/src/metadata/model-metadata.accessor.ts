import { getMetadataStorage } from 'class-validator';
import {
  MODEL_FIELDS_METADATA,
  MODEL_OPTIONS_METADATA,
  MODEL_SUBSCRIBER_METADATA,
  SEEDER_METADATA,
} from '../constants';
import type { FieldDeclaration } from './interfaces/field-options.interface';
import type { ModelOptions } from './interfaces/model-options.interface';
import type { ModelSubscriberMetadata } from './interfaces/model-subscriber-options.interface';
import type { SeederOptions } from './interfaces/seeder-options.interface';

/** One class-validator rule on a property, as far as column inference cares. */
export interface ValidatorRule {
  /** `isInt`, `maxLength`, `isOptional`, … (class-validator's decorator name). */
  name: string;
  constraints: unknown[];
  /** Rule applies to each element of an array. */
  each: boolean;
}

/**
 * The one place that reads decorator metadata: `@Model`/`@Field` options, `design:type`
 * and class-validator's metadata storage. Called once per model at registration.
 */
export class ModelMetadataAccessor {
  isModel(target: Function): boolean {
    return Reflect.hasMetadata(MODEL_OPTIONS_METADATA, target);
  }

  getModelOptions(target: Function): ModelOptions | undefined {
    return Reflect.getMetadata(MODEL_OPTIONS_METADATA, target);
  }

  getFieldDeclarations(target: Function): FieldDeclaration[] {
    return Reflect.getMetadata(MODEL_FIELDS_METADATA, target) ?? [];
  }

  /** `@Seeder()` options of a provider class, if it is one. */
  getSeederOptions(target: Function): SeederOptions | undefined {
    return Reflect.getMetadata(SEEDER_METADATA, target);
  }

  /** `@ModelSubscriber()` metadata of a provider class, if it is one. */
  getModelSubscriber(target: Function): ModelSubscriberMetadata | undefined {
    return Reflect.getMetadata(MODEL_SUBSCRIBER_METADATA, target);
  }

  getDesignType(target: Function, property: string): Function | undefined {
    return Reflect.getMetadata('design:type', target.prototype, property);
  }

  /** Validator rules per property, properties in declaration order (inherited ones included). */
  getValidatorRules(target: Function): Map<string, ValidatorRule[]> {
    const metadatas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
    const rules = new Map<string, ValidatorRule[]>();
    for (const m of metadatas) {
      if (!m.propertyName) continue;
      const list = rules.get(m.propertyName) ?? [];
      list.push({
        name: m.name ?? m.type,
        constraints: m.constraints ?? [],
        each: Boolean(m.each),
      });
      rules.set(m.propertyName, list);
    }
    return rules;
  }
}
