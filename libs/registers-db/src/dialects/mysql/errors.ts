import type { IntegrityViolation } from '../base/dialect.interface';
import type { DriverFailure, ValueProblem } from '../base/driver-failure';

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

const ER_LOCK_WAIT_TIMEOUT = 1205;
const ER_LOCK_DEADLOCK = 1213;
/** MySQL's `max_execution_time` and MariaDB's `max_statement_time`. */
const ER_QUERY_TIMEOUT = 3024;
const ER_STATEMENT_TIMEOUT = 1969;

/** Error numbers of values the server refused (strict SQL mode, the default). */
const VALUE_PROBLEMS: Record<number, ValueProblem> = {
  1264: 'out-of-range', // ER_WARN_DATA_OUT_OF_RANGE
  1406: 'too-long', // ER_DATA_TOO_LONG
  1292: 'invalid-datetime', // ER_TRUNCATED_WRONG_VALUE (dates and times, mostly)
  1366: 'invalid-value', // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD (also bad characters)
};

/**
 * "Out of range value for column 'age' at row 1", "Incorrect integer value: '…' for column
 * `db`.`t`.`age` at row 1" → 'age'. Only the name is taken; the quoted value never is.
 */
function refusedColumn(message: string): string | undefined {
  const match = /for column ((?:`[^`]*`\.)*)[`']([^`']+)[`'] at row \d+\s*$/.exec(message);
  return match?.[2];
}

/**
 * A lock wait or refused value in a mysql2 error. 1205 lock wait timeout
 * (`innodb_lock_wait_timeout`) and the statement time limits are busy; so is 1213, a
 * deadlock, after which the server has rolled back the whole transaction.
 */
export function classifyMysqlFailure(error: any): DriverFailure | undefined {
  const errno: unknown = error?.errno;
  if (errno === ER_LOCK_WAIT_TIMEOUT) return { kind: 'busy', reason: 'lock-timeout' };
  if (errno === ER_LOCK_DEADLOCK) return { kind: 'busy', reason: 'deadlock' };
  if (errno === ER_QUERY_TIMEOUT || errno === ER_STATEMENT_TIMEOUT)
    return { kind: 'busy', reason: 'statement-timeout' };
  let problem = typeof errno === 'number' ? VALUE_PROBLEMS[errno] : undefined;
  if (!problem) return undefined;
  const message = String(error.sqlMessage ?? error.message ?? '');
  // The same numbers cover several kinds; the message's first words say which.
  if (/^Incorrect string value/.test(message)) problem = 'invalid-text';
  else if (problem === 'invalid-datetime' && !/date|time|year/i.test(message.split(':')[0]))
    problem = 'invalid-value';
  return { kind: 'value', problem, column: refusedColumn(message) };
}
