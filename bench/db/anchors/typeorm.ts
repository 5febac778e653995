import { DataSource, DataSourceOptions, MoreThanOrEqual, Repository } from 'typeorm';
import { Contestant, WorkloadKind } from '../contestant';
import { BenchDialect, FreshDatabase } from '../databases';
import { BenchRow } from '../rows';
import { BenchUserEntity, BenchUserRow } from '../schema';

/** Rows per `Repository.insert(chunk)` in the bulk workload. */
export const TYPEORM_BULK_CHUNK = 1000;

function dataSourceOptions(
  db: FreshDatabase,
  pragmas: Record<string, string | number>,
): DataSourceOptions {
  const common = { entities: [BenchUserEntity], synchronize: false, logging: false };
  switch (db.dialect as BenchDialect) {
    case 'sqlite':
      return {
        ...common,
        type: 'better-sqlite3',
        database: db.file!,
        prepareDatabase: (raw: { pragma(s: string): unknown }) => {
          for (const [k, v] of Object.entries(pragmas)) raw.pragma(`${k} = ${v}`);
        },
      };
    case 'postgres':
      return { ...common, type: 'postgres', url: db.url };
    case 'mariadb':
      return { ...common, type: 'mariadb', url: db.url, timezone: 'Z' };
  }
}

export const TYPEORM_LABELS: Record<WorkloadKind, string> = {
  require: 'Repository.findOneBy({ id })',
  create: 'Repository.insert(row)',
  bulkCreate: `Repository.insert(${TYPEORM_BULK_CHUNK}-row chunks) in one transaction`,
  filter: 'Repository.find({ where: { age: MoreThanOrEqual } })',
  upsert: "Repository.upsert(row, ['email'])",
};

/** TypeORM's Repository on an EntitySchema equal to the registers model: the usual Nest alternative. */
export class TypeormAnchor implements Contestant {
  readonly name = 'typeorm';
  readonly labels = TYPEORM_LABELS;
  private constructor(
    private readonly ds: DataSource,
    private readonly repo: Repository<BenchUserRow>,
  ) {}

  static async connect(
    db: FreshDatabase,
    pragmas: Record<string, string | number>,
  ): Promise<TypeormAnchor> {
    const ds = await new DataSource(dataSourceOptions(db, pragmas)).initialize();
    return new TypeormAnchor(ds, ds.getRepository(BenchUserEntity));
  }

  async requireEach(ids: number[]): Promise<number> {
    let found = 0;
    for (const id of ids) if (await this.repo.findOneBy({ id })) found++;
    return found;
  }

  async createEach(rows: BenchRow[]): Promise<void> {
    for (const r of rows) await this.repo.insert(r);
  }

  async bulkCreate(rows: BenchRow[]): Promise<void> {
    await this.ds.transaction(async (em) => {
      const repo = em.getRepository(BenchUserEntity);
      for (let i = 0; i < rows.length; i += TYPEORM_BULK_CHUNK) {
        await repo.insert(rows.slice(i, i + TYPEORM_BULK_CHUNK));
      }
    });
  }

  async filterByMinAge(minAge: number): Promise<unknown[]> {
    return this.repo.find({ where: { age: MoreThanOrEqual(minAge) } });
  }

  async upsertEach(rows: BenchRow[]): Promise<void> {
    for (const r of rows) await this.repo.upsert(r, ['email']);
  }

  async close(): Promise<void> {
    await this.ds.destroy();
  }
}
