import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { CronMetadataAccessor } from './cron-metadata.accessor';
import { CronRegistry } from './cron.registry';
import { buildJobDefinition } from './job-definition.factory';
import { messages } from './common/messages';

/**
 * Collects every `@Job` / `@Watch` method of the application's providers and controllers
 * into the CronRegistry on module init (the explorer pattern of @nestjs/schedule).
 * Configuration errors throw here, so a bad declaration fails the application's startup.
 */
@Injectable()
export class CronExplorer implements OnModuleInit {
  private readonly logger = new Logger('RegistersCron');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: CronMetadataAccessor,
    private readonly registry: CronRegistry,
  ) {}

  onModuleInit(): void {
    const seen = new Set<object>();
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const options = this.accessor.getJob(prototype[methodName]);
        if (!options) continue;
        if (!wrapper.isDependencyTreeStatic()) {
          this.logger.warn(messages.requestScopedJob(`${wrapper.name}.${methodName}`));
          continue;
        }
        const method = prototype[methodName] as (...args: unknown[]) => unknown;
        this.registry.register(
          buildJobDefinition(
            options,
            instance.constructor.name,
            methodName,
            this.accessor.getParams(prototype, methodName),
            (args) => method.apply(instance, args),
          ),
        );
      }
    }
  }
}
