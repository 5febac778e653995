import { Module } from '@nestjs/common';
import { RegistersCliModule } from '@registers/cli';
import { RegistersDbModule, RegistersDbModuleOptions } from '@registers/db';
import { RegistersDbCommandsModule } from '@registers/db/commands';
import { RegistersCronModule } from '@registers/cron';
import { RegistersCronCommandsModule } from '@registers/cron/commands';
import { AboutCommand } from './about.command';
import { JobsModule } from './jobs/jobs.module';
import { OpsContextOptions } from './ops/ops-context';
import { OpsDeskModule } from './ops/ops-desk.module';
import { TodoModule } from './todo/todo.module';

/** Where `db migration:generate` writes and `db migration:run` reads, under the working directory. */
export const MIGRATIONS_DIR = 'migrations';

export function databaseOptions(url = 'sqlite:data/todos.db'): RegistersDbModuleOptions {
  return { url, migrations: [`${MIGRATIONS_DIR}/*.js`] };
}

@Module({
  imports: [
    RegistersCliModule.forRoot({
      name: 'todo',
      title: 'Todo Console',
      description: 'Manage todo items and run the ops desk.',
      version: '0.1.0',
      context: OpsContextOptions,
    }),
    // URL from REGISTERS_DATABASE_URL, else a SQLite file under ./data/. Nothing connects
    // until a command first touches a manager or a `db` command runs.
    RegistersDbModule.forRoot(databaseOptions(process.env.REGISTERS_DATABASE_URL)),
    // `db …`: migration:generate writes CommonJS `migrations/<timestamp>-<name>.js` here (the
    // bundled console cannot load `.ts`), which the glob above hands to migration:run.
    RegistersDbCommandsModule.forRoot({ migrationsDir: MIGRATIONS_DIR, migrationExtension: 'js' }),
    // Cron keeps its tables in the same database (the default registry). Timers and workers
    // run only inside `cron start`; every other `cron …` command just reads or enqueues.
    RegistersCronModule.forRoot({ autoStart: false }),
    RegistersCronCommandsModule.forRoot(),
    TodoModule,
    OpsDeskModule,
    JobsModule,
  ],
  providers: [AboutCommand],
})
export class SampleConsoleModule {}
