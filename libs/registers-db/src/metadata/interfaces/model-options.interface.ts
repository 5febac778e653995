/** Options of `@Model()`. Every option is validated when the model is registered. */
export interface ModelOptions {
  /** Table name. Default: snake_case plural of the class name (`TodoItem` → `todo_items`). */
  table?: string;
  /** Key property. Default `id`. */
  key?: string;
  /** Unique fields (`['email']`) and composite groups (`[['org', 'slug']]`), mixed as needed. */
  unique?: Array<string | string[]>;
  /** Create the table lazily before first use when it is missing. Default true. */
  autoCreate?: boolean;
  /** Manage `createdAt` / `updatedAt`. */
  timestamps?: boolean;
  /** Deletes set `deletedAt`; reads hide deleted rows. */
  softDelete?: boolean;
  /** Write `<table>_audit` rows for every change. */
  auditLog?: boolean;
  /** Property that scopes rows to a tenant. */
  tenantField?: string;
}
