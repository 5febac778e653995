import { Module } from '@nestjs/common';
import { RegistersCliModule } from '@registers/cli';
import { RegistersDbModule } from '@registers/db';
import { AboutCommand } from './about.command';
import { OpsContextOptions } from './ops/ops-context';
import { OpsDeskModule } from './ops/ops-desk.module';
import { TodoModule } from './todo/todo.module';

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
    // until a command first touches a manager.
    RegistersDbModule.forRoot({
      url: process.env.REGISTERS_DATABASE_URL ?? 'sqlite:data/todos.db',
    }),
    TodoModule,
    OpsDeskModule,
  ],
  providers: [AboutCommand],
})
export class SampleConsoleModule {}
