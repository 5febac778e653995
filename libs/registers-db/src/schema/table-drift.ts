import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import type { DdlDialect } from '../dialects/base/ddl-dialect';
import type { LiveColumn } from '../dialects/base/ddl-shapes';
import type { SchemaDiff } from './interfaces';

/** The drift of a model whose table does not exist: every column is missing. */
export function missingTableDrift(meta: ModelMetadata): SchemaDiff {
  return {
    model: meta.name,
    table: meta.table,
    missingTable: true,
    missingColumns: meta.fields.map((f) => f.column),
    extraColumns: [],
    nullableMismatches: [],
    typeMismatches: {},
    ok: false,
  };
}

/** Compares a table's live columns with its model (columns, nullability, coarse type families). */
export function tableDrift(meta: ModelMetadata, ddl: DdlDialect, live: LiveColumn[]): SchemaDiff {
  const diff: SchemaDiff = {
    model: meta.name,
    table: meta.table,
    missingTable: false,
    missingColumns: [],
    extraColumns: [],
    nullableMismatches: [],
    typeMismatches: {},
    ok: true,
  };
  const byName = new Map(live.map((c) => [c.name, c]));
  for (const field of meta.fields) {
    const column = byName.get(field.column);
    if (!column) {
      diff.missingColumns.push(field.column);
      continue;
    }
    if (!field.isKey && column.nullable !== field.nullable)
      diff.nullableMismatches.push(field.column);
    const expected = ddl.typeFamily(ddl.sqlType(field));
    const actual = ddl.typeFamily(column.type);
    if (expected !== actual) diff.typeMismatches[field.column] = { expected, actual };
  }
  const known = new Set(meta.fields.map((f) => f.column));
  diff.extraColumns = live.filter((c) => !known.has(c.name)).map((c) => c.name);
  diff.ok =
    !diff.missingColumns.length &&
    !diff.extraColumns.length &&
    !diff.nullableMismatches.length &&
    !Object.keys(diff.typeMismatches).length;
  return diff;
}

/** The model properties of the columns `diff` lists as missing (what additive migration adds). */
export function missingColumnProperties(meta: ModelMetadata, diff: SchemaDiff): string[] {
  return diff.missingColumns.map(
    (column) => meta.fields.find((f) => f.column === column)?.property ?? column,
  );
}
