/** The model the value properties write: one column of every supported field type. */
import 'reflect-metadata';
import { IsBoolean, IsEnum, IsInt, IsNumber, IsString, IsUUID } from 'class-validator';
import { Field, Model } from '../../src/decorators';

export enum Color {
  Red = 'red',
  Green = 'green',
  Blue = 'blue',
}

export const CODE_LENGTH = 8;

@Model({ table: 'prop_values', unique: ['slug'] })
export class Sample {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 64 }) @IsString() slug!: string;
  @Field() @IsInt() whole!: number;
  @Field({ type: 'bigint' }) bigText!: string;
  @Field({ type: 'bigint' }) bigNative!: bigint;
  @Field() @IsNumber() ratio!: number;
  @Field() @IsNumber({ maxDecimalPlaces: 2 }) amount!: number;
  @Field({ precision: 12, scale: 2 }) @IsNumber() price!: number;
  @Field({ precision: 20, scale: 6 }) @IsNumber() rate!: number;
  @Field() @IsBoolean() flag!: boolean;
  @Field({ length: CODE_LENGTH }) @IsString() code!: string;
  @Field({ type: 'text' }) @IsString() body!: string;
  @Field({ type: 'uuid' }) @IsUUID() ref!: string;
  @Field({ type: 'date' }) day!: Date;
  @Field() at!: Date;
  @Field({ type: 'json' }) meta!: unknown;
  @Field() @IsEnum(Color) color!: Color;
}

/** Valid values for every column but the key and `slug`. */
export function baseline(): Omit<Sample, 'id' | 'slug'> {
  return {
    whole: 7,
    // A bigint value, which a bigint column takes whatever the property's type; it reads back as '12'.
    bigText: 12n as unknown as string,
    bigNative: 12n,
    ratio: 0.5,
    amount: 1.25,
    price: 10.5,
    rate: 2.125,
    flag: true,
    code: 'abc',
    body: 'hello',
    ref: '00000000-0000-4000-8000-000000000001',
    day: new Date('2024-01-02T00:00:00.000Z'),
    at: new Date('2024-01-02T03:04:05.678Z'),
    meta: { ok: true },
    color: Color.Red,
  };
}
