import { Injectable } from '@nestjs/common';
import { Arg, CliCommand, CommandContext, Confirm, Ctx } from '@registers/cli';
import { InjectManager, Manager } from '@registers/db';
import { TodoItem, TodoStatus } from './todo-item.model';

/** The todo app: top-level commands, each with a long-flag and a short-flag alias. */
@Injectable()
export class TodoCommands {
  constructor(@InjectManager(TodoItem) private readonly todos: Manager<TodoItem>) {}

  @CliCommand('add', {
    description: 'Create a todo item',
    aliases: ['--add', '-a'],
    examples: [
      'add "Buy milk"',
      'add "Buy milk" "Two litres"',
      '--add --title "Buy milk" --description "Two litres"',
    ],
  })
  async add(
    @Arg('title', { help: 'Todo title' }) title: string,
    @Arg('description', { default: '', help: 'Todo description' }) description: string,
  ): Promise<string> {
    const todo = await this.todos.create({ title, description, status: 'pending' });
    return `Added: ${todo.title} (ID: ${todo.id})`;
  }

  @CliCommand('list', {
    description: 'List todo items',
    aliases: ['--list', '-l'],
    examples: ['list', 'list pending', 'list --output json'],
    mcp: { readOnly: true },
  })
  async list(
    @Arg('status', {
      choices: ['pending', 'completed', 'all'],
      default: 'all',
      help: 'Which items to show',
    })
    status: TodoStatus | 'all',
    @Ctx() ctx: CommandContext,
  ): Promise<TodoItem[] | string> {
    const items = await this.todos.filter(status === 'all' ? {} : { status }, { orderBy: 'id' });
    // json, csv and table render the records; plain mode gets one line per item.
    if (ctx.output !== 'plain') return items;
    if (items.length === 0) return 'No todo items found.';
    return items.map((todo) => `${todo.id}: ${todo.title} [${todo.status}]`).join('\n');
  }

  @CliCommand('complete', {
    description: 'Mark a todo item as completed',
    aliases: ['--complete', '-c'],
    examples: ['complete 1'],
  })
  async complete(@Arg('id', { help: 'Todo ID' }) id: number): Promise<string> {
    const todo = await this.todos.require(id);
    await todo.update({ status: 'completed' });
    return `Completed todo ID ${id}.`;
  }

  @CliCommand('update', {
    description: 'Change the title or description of a todo item',
    aliases: ['--update', '-u'],
    examples: ['update 1 "Read two books"', 'update 1 --description "Finish both this week"'],
  })
  async update(
    @Arg('id', { help: 'Todo ID' }) id: number,
    @Arg('title', { optional: true, help: 'New title' }) title: string | undefined,
    @Arg('description', { optional: true, help: 'New description' })
    description: string | undefined,
  ): Promise<string> {
    const todo = await this.todos.require(id);
    const changes: Partial<TodoItem> = {};
    if (title !== undefined) changes.title = title;
    if (description !== undefined) changes.description = description;
    await todo.update(changes);
    return `Updated todo ID ${id}.`;
  }

  @CliCommand('remove', {
    description: 'Delete a todo item',
    aliases: ['--remove', '-r'],
    examples: ['remove 1', 'remove 1 --force'],
  })
  @Confirm('Remove todo ID {id}?')
  async remove(@Arg('id', { help: 'Todo ID' }) id: number): Promise<string> {
    const todo = await this.todos.require(id);
    await todo.delete();
    return `Removed todo ID ${id}.`;
  }
}
