import { IsBoolean, IsEmail, IsInt, IsNumber, IsString, MaxLength, Min } from 'class-validator';
import { Field, Model } from '@registers/db';

/** The benchmark model: the same columns as `BenchUserEntity` in ./schema.ts. */
@Model({ table: 'bench_users', unique: ['email'] })
export class BenchUser {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 320 }) @IsEmail() email!: string;
  @Field() @IsString() @MaxLength(100) name!: string;
  @Field() @IsInt() @Min(0) age!: number;
  @Field({ type: 'double precision' }) @IsNumber() score!: number;
  @Field() @IsBoolean() active!: boolean;
}
