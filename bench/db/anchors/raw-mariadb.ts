import { Connection, createConnection, RowDataPacket } from 'mysql2/promise';
import { BenchAdmin, Contestant } from '../contestant';
import { BenchRow } from '../rows';
import { TABLE } from '../schema';

const COLS = 'id, email, name, age, score, active';
const INSERT_COLS = `INSERT INTO ${TABLE} (email, name, age, score, active) VALUES `;
export const BULK_CHUNK = 1000;

function flatten(rows: BenchRow[]): (string | number)[] {
  const values: (string | number)[] = [];
  for (const r of rows) values.push(r.email, r.name, r.age, r.score, r.active ? 1 : 0);
  return values;
}

/** The floor on MariaDB: one mysql2 connection, `execute` (server-side prepared, cached per SQL). */
export class RawMariadb implements Contestant, BenchAdmin {
  readonly name = 'raw';
  readonly labels = {
    require: 'mysql2 execute SELECT … WHERE id = ?',
    create: 'mysql2 execute INSERT',
    bulkCreate: `mysql2 execute ${BULK_CHUNK}-row INSERTs in one transaction`,
    filter: 'mysql2 execute SELECT … WHERE age >= ?',
    upsert: 'mysql2 execute INSERT … ON DUPLICATE KEY UPDATE',
  };
  private constructor(private readonly conn: Connection) {}

  static async connect(url: string): Promise<RawMariadb> {
    return new RawMariadb(await createConnection({ uri: url, timezone: 'Z' }));
  }

  async requireEach(ids: number[]): Promise<number> {
    let found = 0;
    const sql = `SELECT ${COLS} FROM ${TABLE} WHERE id = ?`;
    for (const id of ids) {
      const [rows] = await this.conn.execute<RowDataPacket[]>(sql, [id]);
      if (rows[0]) found++;
    }
    return found;
  }

  async createEach(rows: BenchRow[]): Promise<void> {
    const sql = `${INSERT_COLS}(?, ?, ?, ?, ?)`;
    for (const r of rows)
      await this.conn.execute(sql, [r.email, r.name, r.age, r.score, r.active ? 1 : 0]);
  }

  async bulkCreate(rows: BenchRow[]): Promise<void> {
    await this.conn.beginTransaction();
    try {
      for (let i = 0; i < rows.length; i += BULK_CHUNK) {
        const chunk = rows.slice(i, i + BULK_CHUNK);
        const sql = INSERT_COLS + new Array(chunk.length).fill('(?, ?, ?, ?, ?)').join(', ');
        await this.conn.execute(sql, flatten(chunk));
      }
      await this.conn.commit();
    } catch (error) {
      await this.conn.rollback();
      throw error;
    }
  }

  async filterByMinAge(minAge: number): Promise<unknown[]> {
    const [rows] = await this.conn.execute<RowDataPacket[]>(
      `SELECT ${COLS} FROM ${TABLE} WHERE age >= ?`,
      [minAge],
    );
    return rows;
  }

  async upsertEach(rows: BenchRow[]): Promise<void> {
    const sql = `${INSERT_COLS}(?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE
      name = VALUES(name), age = VALUES(age), score = VALUES(score), active = VALUES(active)`;
    for (const r of rows)
      await this.conn.execute(sql, [r.email, r.name, r.age, r.score, r.active ? 1 : 0]);
  }

  async exec(sql: string): Promise<void> {
    await this.conn.query(sql);
  }

  async countRows(nameIs?: string): Promise<number> {
    const [rows] =
      nameIs === undefined
        ? await this.conn.query<RowDataPacket[]>(`SELECT count(*) AS n FROM ${TABLE}`)
        : await this.conn.query<RowDataPacket[]>(
            `SELECT count(*) AS n FROM ${TABLE} WHERE name = ?`,
            [nameIs],
          );
    return Number(rows[0].n);
  }

  async close(): Promise<void> {
    await this.conn.end();
  }
}
