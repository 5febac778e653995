import type { EntitySchema, EntitySchemaColumnOptions } from 'typeorm';
import { loadTypeorm } from '../connection/load-typeorm';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import { constraintName } from '../dialects/base/constraint-names';
import type { DdlDialect } from '../dialects/base/ddl-dialect';

/**
 * A TypeORM EntitySchema equivalent to the DDL the library creates, for TypeORM's own
 * tooling (migration generation, inspection). Foreign keys are included when the
 * referenced table belongs to another schema in the same set (`entityOfTable`).
 */
export function buildEntitySchema(
  meta: ModelMetadata,
  ddl: DdlDialect,
  entityOfTable: (table: string) => ModelMetadata | undefined = () => undefined,
): EntitySchema {
  const columns: Record<string, EntitySchemaColumnOptions> = {};
  for (const field of meta.fields) {
    const spec = ddl.typeormType(field);
    const column: EntitySchemaColumnOptions = {
      name: field.column,
      type: spec.type as EntitySchemaColumnOptions['type'],
      nullable: field.nullable,
    };
    if (spec.length !== undefined) column.length = spec.length;
    if (spec.precision !== undefined) column.precision = spec.precision;
    if (spec.scale !== undefined) column.scale = spec.scale;
    if (spec.width !== undefined) column.width = spec.width;
    if (field.isKey) {
      column.primary = true;
      if (field.idStrategy === 'autoincrement') column.generated = 'increment';
    }
    const dflt = field.isKey ? undefined : ddl.typeormDefault(field.default, field.type);
    if (dflt !== undefined) column.default = dflt;
    columns[field.property] = column;
  }
  const keyColumn = meta.fieldsByProperty.get(meta.key)!.column;
  const uniques = meta.unique
    .map((group) => group.map((p) => meta.fieldsByProperty.get(p)!))
    .filter((fields) => !(fields.length === 1 && fields[0].column === keyColumn))
    .map((fields) => ({
      name: constraintName(
        meta.table,
        fields.map((f) => f.column),
        'key',
      ),
      columns: fields.map((f) => f.property),
    }));
  const indices = meta.fields
    .filter((f) => f.index && !f.unique && !f.isKey)
    .map((f) => ({ name: constraintName(meta.table, [f.column], 'idx'), columns: [f.property] }));
  const checks = meta.fields
    .filter((f) => f.enumValues?.length)
    .map((f) => ({
      name: constraintName(meta.table, [f.column], 'check'),
      expression: `${ddl.quote(f.column)} IN (${f.enumValues!.map((v) => ddl.literal(v, f.type)).join(', ')})`,
    }));
  const foreignKeys = meta.fields.flatMap((f) => {
    if (!f.foreignKey) return [];
    const target = entityOfTable(f.foreignKey.table);
    const referenced = target?.fields.find((t) => t.column === f.foreignKey!.column);
    if (!target || !referenced) return [];
    return [
      {
        name: constraintName(meta.table, [f.column], 'fkey'),
        target: target.table,
        columnNames: [f.property],
        referencedColumnNames: [referenced.property],
      },
    ];
  });
  const { EntitySchema } = loadTypeorm();
  return new EntitySchema({
    name: meta.table,
    tableName: meta.table,
    columns,
    uniques,
    indices,
    checks,
    foreignKeys,
  });
}
