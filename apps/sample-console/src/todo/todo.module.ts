import { Module } from '@nestjs/common';
import { RegistersDbModule } from '@registers/db';
import { TodoCommands } from './todo.commands';
import { TodoItem } from './todo-item.model';

@Module({
  imports: [RegistersDbModule.forFeature([TodoItem])],
  providers: [TodoCommands],
})
export class TodoModule {}
