import { Field, Model } from '@registers/db';
import { IsBoolean, IsInt, IsOptional, IsString } from 'class-validator';

/*
 * The durable state of @registers/cron, declared as @registers/db models so the tables are
 * created, checked and migrated like any other. Instants are epoch milliseconds (bigint):
 * exact, and compared the same way on every dialect.
 */

@Model({ table: 'registers_cron_jobs', key: 'name' })
export class CronJobRow {
  @Field({ id: 'manual', length: 200 }) @IsString() name!: string;
  @Field({ length: 20 }) @IsString() kind!: string;
  @Field({ length: 500 }) @IsString() spec!: string;
  @Field() @IsBoolean() paused!: boolean;
  /** High-water mark: the latest fire instant inserted as an event. Only moves forward. */
  @Field({ type: 'bigint', nullable: true }) @IsOptional() @IsInt() lastFireAt?: number | null;
  @Field({ type: 'bigint' }) @IsInt() updatedAt!: number;
}

@Model({ table: 'registers_cron_events', unique: [['job', 'dedupeKey']] })
export class CronEventRow {
  @Field({ id: 'autoincrement', type: 'bigint' }) @IsOptional() @IsInt() id?: number;
  @Field({ length: 200 }) @IsString() job!: string;
  @Field({ length: 20 }) @IsString() source!: string;
  /** The fire key: the scheduled instant for cron/interval fires, else an idempotency key or a random one. */
  @Field({ length: 255 }) @IsString() dedupeKey!: string;
  /*
   * status and runAfter have no index of their own: the due index (status, run_after, id)
   * serves every lookup by status, and each claim and completion changes status, which
   * writes a new entry into every index of the table.
   */
  @Field({ length: 20 }) @IsString() status!: string;
  @Field() @IsInt() attempt!: number;
  @Field() @IsInt() maxAttempts!: number;
  @Field({ type: 'text' }) @IsString() payload!: string;
  @Field({ type: 'bigint' }) @IsInt() createdAt!: number;
  @Field({ type: 'bigint' }) @IsInt() runAfter!: number;
  @Field({ type: 'bigint', nullable: true }) @IsOptional() @IsInt() scheduledAt?: number | null;
  @Field({ length: 200, nullable: true }) @IsOptional() @IsString() leaseOwner?: string | null;
  /** Fencing token of the current claim: every write of a worker names it and changes nothing when it moved on. */
  @Field({ length: 64, nullable: true }) @IsOptional() @IsString() leaseToken?: string | null;
  @Field({ type: 'bigint', nullable: true }) @IsOptional() @IsInt() leaseUntil?: number | null;
  @Field({ type: 'bigint', nullable: true }) @IsOptional() @IsInt() finishedAt?: number | null;
  @Field({ type: 'text', nullable: true }) @IsOptional() @IsString() error?: string | null;
}

@Model({ table: 'registers_cron_runs' })
export class CronRunRow {
  @Field({ id: 'autoincrement', type: 'bigint' }) @IsOptional() @IsInt() id?: number;
  @Field({ length: 200, index: true }) @IsString() job!: string;
  @Field({ type: 'bigint', index: true }) @IsInt() eventId!: number;
  @Field() @IsInt() attempt!: number;
  @Field({ length: 20 }) @IsString() status!: string;
  @Field({ type: 'bigint' }) @IsInt() startedAt!: number;
  @Field({ type: 'bigint', nullable: true }) @IsOptional() @IsInt() finishedAt?: number | null;
  @Field({ type: 'bigint', nullable: true }) @IsOptional() @IsInt() durationMs?: number | null;
  @Field({ type: 'text', nullable: true }) @IsOptional() @IsString() result?: string | null;
  @Field({ type: 'text', nullable: true }) @IsOptional() @IsString() error?: string | null;
  @Field({ length: 200 }) @IsString() instance!: string;
}

@Model({ table: 'registers_cron_runtime' })
export class CronInstanceRow {
  @Field({ id: 'manual', length: 200 }) @IsString() id!: string;
  @Field({ length: 255 }) @IsString() host!: string;
  @Field() @IsInt() pid!: number;
  @Field({ type: 'bigint' }) @IsInt() startedAt!: number;
  @Field({ type: 'bigint' }) @IsInt() heartbeatAt!: number;
}

@Model({ table: 'registers_cron_workflows', key: 'name' })
export class CronWorkflowRow {
  @Field({ id: 'manual', length: 200 }) @IsString() name!: string;
  @Field({ length: 1000 }) @IsString() file!: string;
  @Field({ length: 200, nullable: true }) @IsOptional() @IsString() job?: string | null;
  @Field({ type: 'text', nullable: true }) @IsOptional() @IsString() command?: string | null;
  @Field({ type: 'bigint' }) @IsInt() createdAt!: number;
}

/** Named leases that one instance at a time holds (the file watcher's leadership). */
@Model({ table: 'registers_cron_leases', key: 'name' })
export class CronLeaseRow {
  @Field({ id: 'manual', length: 100 }) @IsString() name!: string;
  @Field({ length: 200 }) @IsString() holder!: string;
  @Field({ type: 'bigint' }) @IsInt() heldUntil!: number;
}

export const CRON_TABLE_MODELS = [
  CronJobRow,
  CronEventRow,
  CronRunRow,
  CronInstanceRow,
  CronWorkflowRow,
  CronLeaseRow,
];

export const TABLES = {
  jobs: 'registers_cron_jobs',
  events: 'registers_cron_events',
  runs: 'registers_cron_runs',
  runtime: 'registers_cron_runtime',
  workflows: 'registers_cron_workflows',
  leases: 'registers_cron_leases',
} as const;
