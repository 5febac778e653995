import { ValueTransformer } from 'typeorm';

/** PostgreSQL returns `decimal` columns as strings; the API answers with JSON numbers. */
export const decimal: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
