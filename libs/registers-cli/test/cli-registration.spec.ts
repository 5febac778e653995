import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Command, CommandFactory, CommandRunner } from 'nest-commander';
import {
  Arg,
  CliCommand,
  CliContext,
  CliGroup,
  CliRegistry,
  CliRunner,
  Ctx,
  DuplicateCommandError,
  PluginLoadError,
  RegistersCliModule,
  RegistrationError,
  loadPlugins,
} from '../src';

async function boot(
  providers: any[],
  extra: Partial<Parameters<typeof RegistersCliModule.forRoot>[0]> = {},
) {
  const moduleRef = await Test.createTestingModule({
    imports: [RegistersCliModule.forRoot({ name: 'app', ...extra })],
    providers,
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

@Injectable()
class TodoA {
  @CliCommand('add', { aliases: ['--add'] })
  add(@Arg('title') title: string) {
    return title;
  }
}

@Injectable()
class TodoB {
  @CliCommand('add')
  create(@Arg('title') title: string) {
    return title;
  }
}

@Injectable()
class AliasClash {
  @CliCommand('append', { aliases: ['--add'] })
  append(@Arg('title') title: string) {
    return title;
  }
}

@CliGroup('deploy', { aliases: ['d'] })
class DeployA {
  @CliCommand('service', { aliases: ['s'] })
  service(@Arg('name') name: string) {
    return name;
  }
}

@CliGroup('deploy')
class DeployB {
  @CliCommand('status', { aliases: ['s'] })
  status() {
    return 'ok';
  }
}

@CliGroup('deploy')
class DeployC {
  @CliCommand('history')
  history() {
    return 'h';
  }
}

@Injectable()
class GroupNameClash {
  @CliCommand('d')
  d() {
    return 'd';
  }
}

describe('command registration', () => {
  it('registers commands found on providers', async () => {
    const ref = await boot([TodoA, DeployA]);
    const registry = ref.get(CliRegistry);
    expect(registry.all().map((c) => `${c.path} <- ${c.owner}`)).toEqual([
      'add <- TodoA.add',
      'deploy service <- DeployA.service',
    ]);
    await ref.close();
  });

  it('raises DuplicateCommandError naming both owners for a repeated command name', async () => {
    const error = await boot([TodoA, TodoB]).catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateCommandError);
    expect(error.message).toContain('TodoA.add');
    expect(error.message).toContain('TodoB.create');
  });

  it('raises DuplicateCommandError for a repeated flag alias', async () => {
    const error = await boot([TodoA, AliasClash]).catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateCommandError);
    expect(error.message).toMatch(/'--add'.*TodoA\.add.*AliasClash\.append/);
  });

  it('raises DuplicateCommandError for an alias repeated inside a group', async () => {
    const error = await boot([DeployA, DeployB]).catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateCommandError);
    expect(error.message).toMatch(/deploy s.*DeployA\.service.*DeployB\.status/);
  });

  it('raises DuplicateCommandError when a command takes a group alias', async () => {
    const error = await boot([DeployA, GroupNameClash]).catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateCommandError);
    expect(error.message).toContain('GroupNameClash.d');
  });

  it('merges two classes declaring the same group when their commands differ', async () => {
    const ref = await boot([DeployA, DeployC]);
    expect(
      ref
        .get(CliRegistry)
        .allGroups()[0]
        .commands.map((c) => c.name),
    ).toEqual(['service', 'history']);
    await ref.close();
  });

  it('rejects a flag alias that is a global option', async () => {
    @Injectable()
    class QuietAlias {
      @CliCommand('hush', { aliases: ['--quiet'] })
      hush() {
        return '';
      }
    }
    const error = await boot([QuietAlias]).catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateCommandError);
    expect(error.message).toContain('global option');
  });

  it('rejects a parameter without @Arg or @Ctx', async () => {
    @Injectable()
    class Undeclared {
      @CliCommand('x')
      x(value: string) {
        return value;
      }
    }
    const error = await boot([Undeclared]).catch((e) => e);
    expect(error).toBeInstanceOf(RegistrationError);
    expect(error.message).toBe('Undeclared.x: parameter #1 needs @Arg(name) or @Ctx().');
  });

  it('rejects a required positional after an optional one, and a default outside the choices', async () => {
    @Injectable()
    class Order {
      @CliCommand('o')
      o(@Arg('a', { default: 'x' }) a: string, @Arg('b') b: string) {
        return a + b;
      }
    }
    expect(await boot([Order]).catch((e) => e)).toBeInstanceOf(RegistrationError);
    @Injectable()
    class BadDefault {
      @CliCommand('b')
      b(@Arg('level', { choices: ['a', 'b'], default: 'c' }) level: string) {
        return level;
      }
    }
    const error = await boot([BadDefault]).catch((e) => e);
    expect(error.message).toContain("default 'c' of 'level' is not one of its choices");
  });

  it('refuses a command named after the built-in help', async () => {
    @Injectable()
    class Help {
      @CliCommand('help')
      help() {
        return '';
      }
    }
    expect(await boot([Help]).catch((e) => e)).toBeInstanceOf(RegistrationError);
  });

  it('allows only one @CliContext() provider', async () => {
    @CliContext({ options: { env: { default: 'a' } } })
    class One {}
    @CliContext({ options: { region: { default: 'b' } } })
    class Two {}
    const error = await boot([One, Two]).catch((e) => e);
    expect(error).toBeInstanceOf(RegistrationError);
    expect(error.message).toContain('One, Two');
  });

  it('accepts a plain context definition in forRoot', async () => {
    @Injectable()
    class Show {
      @CliCommand('show', { defaultOutput: 'json' })
      show(@Arg('x', { default: 1 }) x: number, @Ctx() ctx: any) {
        return { x, tenant: ctx.tenant, upper: ctx.upper };
      }
    }
    const ref = await boot([Show], {
      context: {
        options: { tenant: { default: 'acme' } },
        create: (values) => ({ tenant: values.tenant, upper: String(values.tenant).toUpperCase() }),
      },
    });
    const out: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => true } };
    expect(await ref.get(CliRunner).run(['show', '--tenant', 'globex'], io)).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual({ x: 1, tenant: 'globex', upper: 'GLOBEX' });
    await ref.close();
  });

  it('coerces typed context options: numbers, booleans with --no-, and rejects a bad number', async () => {
    @Injectable()
    class Settings {
      @CliCommand('settings', { defaultOutput: 'json' })
      settings(@Ctx() ctx: any) {
        return { retries: ctx.retries, verbose: ctx.verbose };
      }
    }
    const ref = await boot([Settings], {
      context: {
        options: {
          retries: { type: 'number', default: 3 },
          verbose: { type: 'boolean', default: true },
        },
      },
    });
    const run = async (argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const io = {
        stdout: { write: (s: string) => out.push(s) },
        stderr: { write: (s: string) => err.push(s) },
      };
      const code = await ref.get(CliRunner).run(argv, io);
      return { code, out: out.join(''), err: err.join('') };
    };
    expect(JSON.parse((await run(['settings'])).out)).toEqual({ retries: 3, verbose: true });
    expect(JSON.parse((await run(['--retries', '5', 'settings', '--no-verbose'])).out)).toEqual({
      retries: 5,
      verbose: false,
    });
    const bad = await run(['settings', '--retries', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Invalid value 'many' for option '--retries': expected a number.");
    await ref.close();
  });
});

describe('classic nest-commander commands beside registers commands', () => {
  @Command({ name: 'add', description: 'classic add' })
  class ClassicAdd extends CommandRunner {
    async run(): Promise<void> {}
  }

  @Module({
    imports: [RegistersCliModule.forRoot({ name: 'app' })],
    providers: [TodoA, ClassicAdd],
  })
  class ClashModule {}

  it('raises DuplicateCommandError naming the classic command class at startup', async () => {
    const error = await CommandFactory.createWithoutRunning(ClashModule, { logger: false }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DuplicateCommandError);
    expect(error.message).toContain('TodoA.add');
    expect(error.message).toContain('ClassicAdd');
  });
});

describe('loadPlugins', () => {
  let dir: string;
  // inside the repo so plugin files resolve @nestjs/common from node_modules
  beforeEach(() => (dir = fs.mkdtempSync(path.join(__dirname, '.tmp-plugins-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports every module file of a folder, skipping declaration and spec files', () => {
    fs.writeFileSync(
      path.join(dir, 'a.module.js'),
      "const { Module } = require('@nestjs/common'); class APlugin {}; Module({ providers: [] })(APlugin); exports.APlugin = APlugin; exports.helper = () => 1;",
    );
    fs.writeFileSync(path.join(dir, 'a.module.d.ts'), 'export declare class APlugin {}');
    fs.writeFileSync(path.join(dir, 'a.spec.js'), 'throw new Error("never imported")');
    const modules = loadPlugins(dir);
    expect(modules.map((m) => (m as Function).name)).toEqual(['APlugin']);
  });

  it('raises PluginLoadError naming a file that fails to import', () => {
    fs.writeFileSync(path.join(dir, 'broken.module.js'), 'this is not javascript');
    const error = (() => {
      try {
        loadPlugins(dir);
      } catch (e) {
        return e as PluginLoadError;
      }
    })();
    expect(error).toBeInstanceOf(PluginLoadError);
    expect(error!.message).toContain(path.join(dir, 'broken.module.js'));
    expect(error!.context.file).toBe(path.join(dir, 'broken.module.js'));
  });

  it('raises PluginLoadError for a file exporting no Nest module', () => {
    fs.writeFileSync(path.join(dir, 'empty.js'), 'exports.x = 1;');
    expect(() => loadPlugins(dir)).toThrow(PluginLoadError);
  });

  it('returns nothing for a missing folder', () => {
    expect(loadPlugins(path.join(dir, 'missing'))).toEqual([]);
  });
});
