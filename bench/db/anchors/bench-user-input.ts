import {
  IsBoolean,
  IsEmail,
  IsInt,
  IsNumber,
  IsString,
  MaxLength,
  Min,
  validateSync,
} from 'class-validator';
import { BenchRow } from '../rows';

/** A plain class with the same class-validator rules as the registers model (../model.ts). */
export class BenchUserInput implements BenchRow {
  @IsEmail() email!: string;
  @IsString() @MaxLength(100) name!: string;
  @IsInt() @Min(0) age!: number;
  @IsNumber() score!: number;
  @IsBoolean() active!: boolean;
}

/** The row as a validated BenchUserInput; throws on the first invalid row. */
export function validatedRow(row: BenchRow): BenchUserInput {
  const input = Object.assign(new BenchUserInput(), row);
  const errors = validateSync(input);
  if (errors.length > 0) throw new Error(`invalid row: ${errors.map(String).join('; ')}`);
  return input;
}
