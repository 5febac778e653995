import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit, Optional } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import type { Command } from 'commander';
import { InjectCommander } from 'nest-commander';
import { CLI_MIDDLEWARE_ORDER_METADATA, REGISTERS_CLI_OPTIONS } from './constants';
import { CliMetadataAccessor } from './cli-metadata.accessor';
import { CliRunner } from './cli.runner';
import { buildCommandDefinition } from './command-definition.factory';
import { RegistrationError } from './errors/cli.errors';
import { registrationMessages as messages } from './errors/messages';
import {
  CliContextDefinition,
  CliContextFactory,
  CliGlobalOption,
} from './interfaces/cli-context-options.interface';
import { CliMiddleware } from './interfaces/cli-middleware.interface';
import { RegistersCliModuleOptions } from './interfaces/cli-module-options.interface';
import { flagsFor } from './parser/flag-spellings';
import { GLOBAL_FLAG_NAMES } from './parser/global-flags';
import { CliRegistry } from './registry/cli.registry';
import { withSigintExit } from './runtime/sigint';

/** nest-commander's `@Command` metadata key (`CommandBuilder:Command:Meta`). */
const NEST_COMMANDER_COMMAND_META = 'CommandBuilder:Command:Meta';
const PATCHED = Symbol('registers-cli-patched');

/**
 * Finds `@CliCommand` methods, the `@CliContext()` provider and middleware on module init,
 * then attaches the registers runtime to nest-commander's program on bootstrap.
 */
@Injectable()
export class CliExplorer implements OnModuleInit, OnApplicationBootstrap {
  private readonly ownCommands = new WeakSet<object>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: CliMetadataAccessor,
    private readonly registry: CliRegistry,
    private readonly runner: CliRunner,
    @Inject(REGISTERS_CLI_OPTIONS) private readonly options: RegistersCliModuleOptions,
    @Optional() @InjectCommander() private readonly program?: Command,
  ) {}

  onModuleInit(): void {
    const wrappers = this.discovery
      .getProviders()
      .filter((w) => w.instance && typeof w.instance === 'object' && w.isDependencyTreeStatic());
    const seen = new Set<object>();
    for (const wrapper of wrappers) {
      const instance = wrapper.instance as object;
      if (seen.has(instance)) continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const def = buildCommandDefinition(this.accessor, instance, methodName);
        if (def) this.registry.register(def);
      }
    }
    const { contextOptions, contextFactory } = this.resolveContext(wrappers);
    this.registry.reserveFlags([...GLOBAL_FLAG_NAMES], 'global option');
    this.registry.reserveFlags(
      Object.entries(contextOptions).flatMap(([name, def]) => flagsFor(name, def.alias)),
      'context option',
    );
    this.runner.configure({
      contextOptions,
      contextFactory,
      middleware: this.resolveMiddleware(wrappers),
    });
  }

  onApplicationBootstrap(): void {
    const program = this.program;
    if (!program || (program as unknown as Record<symbol, boolean>)[PATCHED]) return;
    this.registerClassicCommands(program);
    this.addProgramEntries(program);

    const original = program.parseAsync.bind(program);
    (program as unknown as Record<symbol, boolean>)[PATCHED] = true;
    this.runner.configure({
      classicRunner: (tokens) => original(tokens, { from: 'user' }),
      classicHelp: (entry) =>
        program.commands.find((c) => c.name() === entry.name)?.helpInformation() ?? entry.name,
    });
    const runner = this.runner;
    program.parseAsync = (async (argv?: readonly string[], parseOptions?: { from?: string }) => {
      const tokens =
        argv === undefined
          ? process.argv.slice(2)
          : parseOptions?.from === 'user'
            ? [...argv]
            : argv.slice(2);
      const code = await withSigintExit(() => runner.run(tokens));
      if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
      return program;
    }) as Command['parseAsync'];
  }

  private registerClassicCommands(program: Command): void {
    const owners = new Map<string, string>();
    for (const wrapper of this.discovery.getProviders()) {
      const meta =
        wrapper.metatype && Reflect.getMetadata(NEST_COMMANDER_COMMAND_META, wrapper.metatype);
      if (meta?.name)
        owners.set(String(meta.name).split(' ')[0], (wrapper.metatype as Function).name);
    }
    for (const command of program.commands) {
      if (this.ownCommands.has(command)) continue;
      const name = command.name();
      this.registry.registerClassic({
        name,
        usage: command.usage().replace(/^\[options\]\s*/, ''),
        aliases: command.aliases(),
        description: command.description(),
        owner: owners.get(name) ?? `nest-commander command '${name}'`,
      });
    }
  }

  /** Mirrors groups and top-level commands on the commander program so it knows every name. */
  private addProgramEntries(program: Command): void {
    const entries: Array<{ name: string; aliases: string[]; description: string }> = [
      ...this.registry.allGroups().map((g) => ({
        name: g.meta.name,
        aliases: g.meta.aliases ?? [],
        description: g.meta.description ?? '',
      })),
      ...this.registry.topLevelCommands().map((c) => ({
        name: c.name,
        aliases: c.aliases,
        description: c.meta.description ?? '',
      })),
    ];
    for (const entry of entries) {
      const command = program
        .createCommand(entry.name)
        .description(entry.description)
        .allowUnknownOption()
        .allowExcessArguments()
        .helpOption(false)
        .argument('[args...]')
        .action(async (args: string[]) => {
          process.exitCode = await this.runner.run([entry.name, ...(args ?? [])]);
        });
      for (const alias of entry.aliases) command.alias(alias);
      this.ownCommands.add(command);
      program.addCommand(command);
    }
  }

  private resolveContext(wrappers: InstanceWrapper[]): {
    contextOptions: Record<string, CliGlobalOption>;
    contextFactory?: CliContextDefinition<object>['create'];
  } {
    const configured = this.options.context;
    if (configured && typeof configured === 'object') {
      return {
        contextOptions: { ...(configured.options ?? {}) },
        contextFactory: configured.create,
      };
    }
    const providers = wrappers.filter(
      (w) => w.metatype && this.accessor.getContextOptions(w.metatype as Function),
    );
    const unique = [...new Set(providers.map((w) => w.instance))];
    if (unique.length > 1) {
      const names = providers.map((w) => (w.metatype as Function).name).join(', ');
      throw new RegistrationError(messages.severalContexts(names), {});
    }
    if (!unique.length) {
      if (configured) {
        throw new RegistrationError(
          messages.contextNotDecorated((configured as Function).name),
          {},
        );
      }
      return { contextOptions: {} };
    }
    const instance = unique[0] as Partial<CliContextFactory<object>>;
    const meta = this.accessor.getContextOptions(instance.constructor)!;
    return {
      contextOptions: { ...(meta.options ?? {}) },
      contextFactory:
        typeof instance.create === 'function' ? instance.create.bind(instance) : undefined,
    };
  }

  private resolveMiddleware(wrappers: InstanceWrapper[]): CliMiddleware[] {
    const found = wrappers
      .filter((w) => typeof w.metatype === 'function')
      .map((w) => ({
        instance: w.instance as CliMiddleware,
        order: Reflect.getMetadata(CLI_MIDDLEWARE_ORDER_METADATA, w.metatype as Function),
      }))
      .filter((m): m is { instance: CliMiddleware; order: number } => typeof m.order === 'number')
      .sort((a, b) => a.order - b.order);
    return [...new Set(found.map((m) => m.instance))];
  }
}
