export { SeedRunner } from './seed-runner';
export type {
  AddSeederOptions,
  SeedResult,
  SeedRunOptions,
  SeederOf,
  SeederOptions,
  SeedingHost,
} from './interfaces/seeder.interfaces';
