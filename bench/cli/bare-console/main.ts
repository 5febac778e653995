/**
 * The cli anchor: a bare nest-commander console with as many commands as the sample console
 * (BENCH_BARE_COMMANDS, set by the bench from the sample's help) and no @registers library.
 * `list` runs one raw better-sqlite3 query against BENCH_TODO_DB and prints what the sample's
 * `list` prints; the other commands are fillers that print a line.
 */
import 'reflect-metadata';
import { Module, Type } from '@nestjs/common';
import { Command, CommandFactory, CommandRunner } from 'nest-commander';

const COMMANDS = Math.max(1, Number(process.env.BENCH_BARE_COMMANDS ?? 12));

@Command({
  name: 'list',
  arguments: '[status]',
  description: 'List todo items (one raw SQLite query)',
})
class ListCommand extends CommandRunner {
  async run(params: string[]): Promise<void> {
    // Loaded on use, as a lazy connection would: help never opens a database.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3');
    const db = new Database(process.env.BENCH_TODO_DB ?? 'data/todos.db');
    const status = params[0] && params[0] !== 'all' ? params[0] : null;
    const rows: Array<{ id: number; title: string; status: string }> = status
      ? db
          .prepare('SELECT id, title, status FROM todo_items WHERE status = ? ORDER BY id')
          .all(status)
      : db.prepare('SELECT id, title, status FROM todo_items ORDER BY id').all();
    db.close();
    const lines = rows.map((r) => `${r.id}: ${r.title} [${r.status}]`);
    process.stdout.write((lines.length ? lines.join('\n') : 'No todo items found.') + '\n');
  }
}

function fillerCommand(index: number): Type<CommandRunner> {
  @Command({ name: `task-${index}`, arguments: '[value]', description: `Filler command ${index}` })
  class FillerCommand extends CommandRunner {
    async run(params: string[]): Promise<void> {
      process.stdout.write(`task-${index} ${params[0] ?? ''}\n`);
    }
  }
  Object.defineProperty(FillerCommand, 'name', { value: `Task${index}Command` });
  return FillerCommand;
}

@Module({
  providers: [ListCommand, ...Array.from({ length: COMMANDS - 1 }, (_, i) => fillerCommand(i + 1))],
})
class BareConsoleModule {}

void CommandFactory.run(BareConsoleModule, { logger: ['error', 'warn'] });
