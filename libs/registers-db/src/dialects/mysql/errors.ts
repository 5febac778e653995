import type { IntegrityViolation } from '../base/dialect.interface';

// mysql2 error numbers of MySQL and MariaDB.
const ER_DUP_ENTRY = 1062;
const ER_BAD_NULL = 1048;
const ER_NO_DEFAULT_FOR_FIELD = 1364;
const ER_ROW_IS_REFERENCED = 1451;
const ER_NO_REFERENCED_ROW = 1452;
const ER_ROW_IS_REFERENCED_2 = 1217;
const ER_NO_REFERENCED_ROW_2 = 1216;

function unquote(identifier: string): string {
  return identifier.trim().replace(/^`(.*)`$/, '$1');
}

/** The integrity violation a mysql2 error stands for, if it is one (names only, no values). */
export function classifyMysqlError(error: any): IntegrityViolation | undefined {
  const message = String(error?.sqlMessage ?? error?.message ?? '');
  switch (error?.errno) {
    case ER_DUP_ENTRY: {
      // "Duplicate entry '…' for key 'users.email'" (MySQL 8 prefixes the table name).
      const key = /for key '([^']+)'\s*$/.exec(message)?.[1];
      return { kind: 'unique', constraint: key?.split('.').pop() };
    }
    case ER_NO_REFERENCED_ROW:
    case ER_ROW_IS_REFERENCED:
    case ER_NO_REFERENCED_ROW_2:
    case ER_ROW_IS_REFERENCED_2: {
      const columns = /FOREIGN KEY \(([^)]+)\)/.exec(message)?.[1].split(',').map(unquote);
      const referenced =
        error.errno === ER_ROW_IS_REFERENCED || error.errno === ER_ROW_IS_REFERENCED_2;
      return { kind: 'foreign-key', columns: referenced ? [] : columns };
    }
    case ER_BAD_NULL:
    case ER_NO_DEFAULT_FOR_FIELD: {
      const column = /(?:Column|Field) '([^']+)'/.exec(message)?.[1];
      return { kind: 'not-null', columns: column ? [column] : [] };
    }
    default:
      return undefined;
  }
}
