import 'reflect-metadata';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { DatabaseRegistry, Field, Model } from '@registers/db';
import { describeEachDialect, DialectTarget } from '../../../test/support/dialects';

enum Status {
  Open = 'open',
  Closed = 'closed',
}
enum Level {
  Low = 1,
  High = 2,
}

@Model({ table: 'sync_teams' })
class Team {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ unique: true }) @IsString() @MaxLength(40) name!: string;
}

@Model({ table: 'sync_members', unique: [['org', 'slug']], timestamps: true, softDelete: true })
class Member {
  @Field({ id: 'uuid4' }) id?: string;
  @Field() @IsString() org!: string;
  @Field() @IsString() slug!: string;
  @Field({ index: true }) @IsString() email!: string;
  @Field({ foreignKey: 'sync_teams.id', nullable: true }) @IsOptional() @IsInt() teamId?:
    number | null;
  @Field({ default: 'open' }) @IsEnum(Status) status!: Status;
  @Field({ default: true }) @IsBoolean() active!: boolean;
  @Field() @IsOptional() @IsDate() joinedAt?: Date | null;
  @Field() @IsOptional() tags?: string[];
  @Field({ precision: 10, scale: 2 }) price!: number;
  @Field({ type: 'text' }) @IsString() bio!: string;
  @Field() @IsOptional() @IsUUID() ref?: string;
  @Field({ type: 'date' }) @IsOptional() birthday?: string;
  @Field({ timezone: false }) @IsDate() localAt!: Date;
  @Field() score!: number;
  @Field({ default: 1 }) @IsEnum(Level) level!: Level;
  @Field({ default: 2.5 }) ratio!: number;
  @Field({ default: "it's" }) @IsString() quoted!: string;
  @Field({ type: 'bigint', nullable: true }) @IsOptional() big?: number;
  @Field({ type: 'jsonb', nullable: true }) @IsOptional() meta?: Record<string, unknown>;
  @Field({ length: 12, unique: true }) @IsString() code!: string;
}

@Model({ table: 'sync_members', unique: [['org', 'slug']], timestamps: true, softDelete: true })
class MemberV2 extends Member {
  @Field() @IsOptional() @IsString() nickname?: string;
}

/** The connection tells TypeORM when a mysql:// server is MariaDB (it reads that catalog differently). */
function registry(target: DialectTarget, ...models: Function[]): DatabaseRegistry {
  return new DatabaseRegistry({ url: target.url }).register(...(models as any[]));
}

describeEachDialect('TypeORM entity schemas', (target) => {
  it("leave TypeORM's schema builder nothing to change in the tables the library created", async () => {
    const db = registry(target(), Team, Member);
    try {
      await db.createAll();
      const source = await db.connection.dataSource();
      const log = await source.driver.createSchemaBuilder().log();
      expect(log.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await db.dispose();
    }
  });

  it('let TypeORM generate the migration for a field added to a model', async () => {
    const db = registry(target(), Team, MemberV2);
    try {
      const source = await db.connection.dataSource();
      const queries = (await source.driver.createSchemaBuilder().log()).upQueries.map(
        (q) => q.query,
      );
      // PostgreSQL and MySQL add the column; TypeORM rebuilds the table on SQLite.
      expect(queries.join('\n')).toMatch(/.nickname. (varchar|character varying)\(255\)/);
      if (target().dialect !== 'sqlite') expect(queries).toHaveLength(1);
    } finally {
      await db.dispose();
    }
  });
});
