import type { DatabaseRegistry } from '@registers/db';
import { Product } from '../products/product.model';

/**
 * `UPDATE products SET stock = stock - :quantity, updated_at = :now WHERE id = :id AND
 * stock >= :quantity`: one atomic statement, so two orders racing for the last units can
 * never both succeed (row locks on PostgreSQL and MariaDB, one writer on SQLite). Names come
 * from the model metadata; they are plain snake_case identifiers on every dialect.
 */
export function stockDecrementSql(registry: DatabaseRegistry): string {
  const meta = registry.metadata(Product);
  const column = (property: keyof Product & string) => meta.fieldsByProperty.get(property)!.column;
  const stock = column('stock');
  return (
    `UPDATE ${meta.table} SET ${stock} = ${stock} - :quantity, ${column('updatedAt')} = :now ` +
    `WHERE ${column('id')} = :id AND ${stock} >= :quantity`
  );
}
