/**
 * The one table every contender works on. The bench creates it itself (same DDL whoever is
 * timed), matching the storage conventions of @registers/db for the model in ./model.ts.
 */
import { EntitySchema } from 'typeorm';
import { BenchDialect } from './databases';

export const TABLE = 'bench_users';
export const COLUMNS = ['email', 'name', 'age', 'score', 'active'] as const;

export function createTableSql(dialect: BenchDialect): string {
  switch (dialect) {
    case 'sqlite':
      return `CREATE TABLE ${TABLE} (
        id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        email varchar(320) NOT NULL,
        name varchar(100) NOT NULL,
        age integer NOT NULL,
        score double precision NOT NULL,
        active boolean NOT NULL,
        CONSTRAINT uq_${TABLE}_email UNIQUE (email))`;
    case 'postgres':
      return `CREATE TABLE ${TABLE} (
        id serial PRIMARY KEY,
        email varchar(320) NOT NULL,
        name varchar(100) NOT NULL,
        age integer NOT NULL,
        score double precision NOT NULL,
        active boolean NOT NULL,
        CONSTRAINT uq_${TABLE}_email UNIQUE (email))`;
    case 'mariadb':
      return `CREATE TABLE ${TABLE} (
        id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
        email varchar(320) NOT NULL,
        name varchar(100) NOT NULL,
        age int NOT NULL,
        score double NOT NULL,
        active tinyint(1) NOT NULL,
        CONSTRAINT uq_${TABLE}_email UNIQUE (email)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
  }
}

export function clearTableSql(dialect: BenchDialect): string {
  switch (dialect) {
    case 'sqlite':
      return `DELETE FROM ${TABLE}`;
    case 'postgres':
      return `TRUNCATE ${TABLE} RESTART IDENTITY`;
    case 'mariadb':
      return `TRUNCATE TABLE ${TABLE}`;
  }
}

/** What TypeORM returns for a row; `BenchUserEntity` is equal to the registers model. */
export interface BenchUserRow {
  id: number;
  email: string;
  name: string;
  age: number;
  score: number;
  active: boolean;
}

export const BenchUserEntity = new EntitySchema<BenchUserRow>({
  name: 'BenchUserEntity',
  tableName: TABLE,
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    email: { type: 'varchar', length: 320, unique: true },
    name: { type: 'varchar', length: 100 },
    age: { type: 'integer' },
    score: { type: 'double precision' },
    active: { type: 'boolean' },
  },
});
