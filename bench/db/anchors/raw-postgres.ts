import { Client } from 'pg';
import { BenchAdmin, Contestant } from '../contestant';
import { BenchRow } from '../rows';
import { TABLE } from '../schema';

const COLS = 'id, email, name, age, score, active';
const INSERT_COLS = `INSERT INTO ${TABLE} (email, name, age, score, active) VALUES `;
/** Rows per multi-row INSERT in bulk writes (5 parameters each). */
export const BULK_CHUNK = 1000;

function placeholders(rows: number, width: number): string {
  const groups: string[] = [];
  for (let r = 0; r < rows; r++) {
    const g: string[] = [];
    for (let c = 1; c <= width; c++) g.push(`$${r * width + c}`);
    groups.push(`(${g.join(', ')})`);
  }
  return groups.join(', ');
}

function flatten(rows: BenchRow[]): unknown[] {
  const values: unknown[] = [];
  for (const r of rows) values.push(r.email, r.name, r.age, r.score, r.active);
  return values;
}

/** The floor on PostgreSQL: one pg Client, named prepared statements (parsed once per connection). */
export class RawPostgres implements Contestant, BenchAdmin {
  readonly name = 'raw';
  readonly labels = {
    require: 'pg named prepared SELECT … WHERE id = $1',
    create: 'pg named prepared INSERT … RETURNING id',
    bulkCreate: `pg prepared ${BULK_CHUNK}-row INSERT … RETURNING id in a txn`,
    filter: 'pg named prepared SELECT … WHERE age >= $1',
    upsert: 'pg named prepared INSERT … ON CONFLICT DO UPDATE',
  };
  private constructor(private readonly client: Client) {}

  static async connect(url: string): Promise<RawPostgres> {
    const client = new Client({ connectionString: url });
    await client.connect();
    return new RawPostgres(client);
  }

  async requireEach(ids: number[]): Promise<number> {
    let found = 0;
    const text = `SELECT ${COLS} FROM ${TABLE} WHERE id = $1`;
    for (const id of ids) {
      const res = await this.client.query({ name: 'bench_get', text, values: [id] });
      if (res.rows[0]) found++;
    }
    return found;
  }

  async createEach(rows: BenchRow[]): Promise<void> {
    const text = `${INSERT_COLS}($1, $2, $3, $4, $5) RETURNING id`;
    for (const r of rows) {
      await this.client.query({
        name: 'bench_insert',
        text,
        values: [r.email, r.name, r.age, r.score, r.active],
      });
    }
  }

  async bulkCreate(rows: BenchRow[]): Promise<void> {
    await this.client.query('BEGIN');
    try {
      for (let i = 0; i < rows.length; i += BULK_CHUNK) {
        const chunk = rows.slice(i, i + BULK_CHUNK);
        // Like every contender (and this anchor's create), it learns the generated keys.
        await this.client.query({
          name: `bench_bulk_${chunk.length}`,
          text: `${INSERT_COLS}${placeholders(chunk.length, 5)} RETURNING id`,
          values: flatten(chunk),
        });
      }
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK');
      throw error;
    }
  }

  async filterByMinAge(minAge: number): Promise<unknown[]> {
    const text = `SELECT ${COLS} FROM ${TABLE} WHERE age >= $1`;
    return (await this.client.query({ name: 'bench_filter', text, values: [minAge] })).rows;
  }

  async upsertEach(rows: BenchRow[]): Promise<void> {
    const text = `${INSERT_COLS}($1, $2, $3, $4, $5) ON CONFLICT (email) DO UPDATE SET
      name = EXCLUDED.name, age = EXCLUDED.age, score = EXCLUDED.score, active = EXCLUDED.active`;
    for (const r of rows) {
      await this.client.query({
        name: 'bench_upsert',
        text,
        values: [r.email, r.name, r.age, r.score, r.active],
      });
    }
  }

  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  async countRows(nameIs?: string): Promise<number> {
    const res =
      nameIs === undefined
        ? await this.client.query(`SELECT count(*)::int AS n FROM ${TABLE}`)
        : await this.client.query(`SELECT count(*)::int AS n FROM ${TABLE} WHERE name = $1`, [
            nameIs,
          ]);
    return res.rows[0].n;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
