/** Models of the OpenAPI, DTO and CRUD suites: every column type a request or response carries. */
import 'reflect-metadata';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Field, Model } from '../../src/decorators';

@Model({ table: 'api_products', timestamps: true, softDelete: true })
export class ApiProduct {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() @IsNotEmpty() @MaxLength(60) name!: string;
  @Field({ type: 'decimal', precision: 10, scale: 2 }) @IsNumber() @Min(0) price!: number;
  @Field() @IsOptional() @IsInt() @Min(0) @Max(1000) stock?: number | null;
  @Field() @IsIn(['draft', 'live']) status!: string;
  @Field() @IsBoolean() featured!: boolean;
  @Field({ type: 'bigint', bigintMode: 'string', nullable: true }) @IsOptional() views?:
    string | null;
  @Field({ type: 'date', nullable: true }) @IsOptional() launchedOn?: Date | null;
  @Field({ type: 'text', nullable: true }) @IsOptional() @IsString() notes?: string | null;
  declare createdAt?: Date;
  declare updatedAt?: Date;
}

@Model({ table: 'api_members', unique: ['email'] })
export class ApiMember {
  @Field({ id: 'uuid4' }) @IsOptional() @IsUUID() id?: string;
  @Field({ length: 320 }) @IsEmail() email!: string;
  @Field({ hashPassword: true }) @IsString() @MinLength(8) password!: string;
  @Field({ encrypted: true, type: 'text', nullable: true }) @IsOptional() @IsString() phone?:
    string | null;
  @Field({ excludeFromDb: true }) @IsOptional() @IsString() invitation?: string;
}

@Model({ table: 'api_tags', key: 'code' })
export class ApiTag {
  @Field({ id: 'manual', length: 20 }) @IsString() code!: string;
  @Field() @IsString() @MinLength(2) @MaxLength(40) label!: string;
}

@Model({ table: 'api_notes', tenantField: 'orgId' })
export class ApiNote {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 40 }) @IsString() orgId!: string;
  @Field() @IsString() @MaxLength(200) body!: string;
}

export const API_MODELS = [ApiProduct, ApiMember, ApiTag, ApiNote];
