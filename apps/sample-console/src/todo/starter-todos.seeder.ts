import { DatabaseRegistry, RegistersSeeder, Seeder } from '@registers/db';
import { TodoItem } from './todo-item.model';

export const STARTER_TODOS: ReadonlyArray<Pick<TodoItem, 'title' | 'description'>> = [
  { title: 'Read the console help', description: 'Run `todo --help` and `todo help db`' },
  { title: 'Add your first todo', description: 'todo add "Buy milk" "Two litres"' },
  { title: 'Check the database', description: 'todo db health, then todo db status' },
];

/**
 * `db seed` adds the starter todos once per database (the registers_seeds ledger remembers
 * it). `db seed --rerun` adds only the starter titles that are missing.
 */
@Seeder()
export class StarterTodosSeeder implements RegistersSeeder {
  async seed(registry: DatabaseRegistry): Promise<void> {
    const todos = registry.manager(TodoItem);
    for (const starter of STARTER_TODOS) {
      if (await todos.exists({ title: starter.title })) continue;
      await todos.create({ ...starter, status: 'pending' });
    }
  }
}
