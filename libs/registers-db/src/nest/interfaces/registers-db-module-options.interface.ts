import type { ModuleMetadata, Type } from '@nestjs/common';
import type { DatabaseRegistryOptions } from '../../registry/interfaces/database-registry-options.interface';

/** `RegistersDbModule.forRoot()` options: the registry options (url, name, autoCreate, TypeORM extras). */
export type RegistersDbModuleOptions = DatabaseRegistryOptions;

/** A class that builds the options (for `forRootAsync({ useClass })`). */
export interface RegistersDbOptionsFactory {
  createRegistersDbOptions(): Promise<RegistersDbModuleOptions> | RegistersDbModuleOptions;
}

export interface RegistersDbModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Registry name; it must be known before the factory runs because tokens depend on it. */
  name?: string;
  inject?: any[];
  useFactory?: (...args: any[]) => Promise<RegistersDbModuleOptions> | RegistersDbModuleOptions;
  useClass?: Type<RegistersDbOptionsFactory>;
  useExisting?: Type<RegistersDbOptionsFactory>;
}
