import { Field, Model } from '@registers/db';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export const TODO_STATUSES = ['pending', 'completed'] as const;
export type TodoStatus = (typeof TODO_STATUSES)[number];

/** One todo item, stored in `todo_items`; `createdAt`/`updatedAt` are kept by the library. */
@Model({ timestamps: true })
export class TodoItem {
  @Field({ id: 'autoincrement' })
  id?: number;

  @Field({ length: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @Field({ type: 'text' })
  @IsString()
  description!: string;

  @Field({ length: 20, default: 'pending' })
  @IsIn(TODO_STATUSES)
  status!: TodoStatus;

  /** Set by the registry (`timestamps: true`); declared here only for the type. */
  declare createdAt?: Date;
  declare updatedAt?: Date;
}
