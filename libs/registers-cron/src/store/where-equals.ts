/** ` WHERE a = ? AND b = ?` over the given columns whose value is set (empty or undefined: no condition). */
export function whereEquals(columns: Record<string, string | number | undefined>): {
  sql: string;
  params: unknown[];
} {
  const set = Object.entries(columns).filter(([, value]) => value !== undefined && value !== '');
  return {
    sql: set.length ? ` WHERE ${set.map(([column]) => `${column} = ?`).join(' AND ')}` : '',
    params: set.map(([, value]) => value),
  };
}
