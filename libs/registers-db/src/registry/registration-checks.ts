import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import type { RegisteredModels } from './registered-models';

/** ConfigurationError when `meta`'s table is already used by another model of the registry. */
export function assertTableFree(
  registered: RegisteredModels,
  meta: ModelMetadata,
  registry: string,
): void {
  const clash = registered.byTable(meta.table);
  if (clash) {
    throw new ConfigurationError(
      configurationMessages.tableInUse(meta.name, meta.table, clash.meta.name, registry),
      { model: meta.name, table: meta.table },
    );
  }
}

/** Foreign keys between registered models must name an existing column of the referenced model. */
export function assertForeignKeys(registered: RegisteredModels, incoming: ModelMetadata[]): void {
  const all = registered.all().map((e) => e.meta);
  const byTable = new Map<string, ModelMetadata>(all.map((meta) => [meta.table, meta]));
  for (const meta of incoming) byTable.set(meta.table, meta);
  for (const meta of all.concat(incoming)) {
    for (const field of meta.fields) {
      const fk = field.foreignKey;
      const target = fk && byTable.get(fk.table);
      if (!fk || !target) continue;
      if (!target.fields.some((f) => f.column === fk.column)) {
        throw new ConfigurationError(
          configurationMessages.foreignKeyNamesNoColumn(
            meta.name,
            field.property,
            fk.table,
            fk.column,
            target.name,
          ),
          { model: meta.name, field: field.property },
        );
      }
    }
  }
}
