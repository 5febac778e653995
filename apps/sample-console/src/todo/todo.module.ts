import { Module } from '@nestjs/common';
import { RegistersDbModule } from '@registers/db';
import { StarterTodosSeeder } from './starter-todos.seeder';
import { TodoCommands } from './todo.commands';
import { TodoItem } from './todo-item.model';

@Module({
  imports: [RegistersDbModule.forFeature([TodoItem])],
  providers: [TodoCommands, StarterTodosSeeder],
})
export class TodoModule {}
