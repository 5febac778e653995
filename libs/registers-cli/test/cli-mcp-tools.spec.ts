import { CommandExecutionError, CliRegistry, RegistrationError, UsageError } from '../src';
import { CliGlobalOption } from '../src/interfaces/cli-context-options.interface';
import { CommandDefinition } from '../src/interfaces/command-definition.interface';
import { McpTool, toolFor, toolNameOf, toolsFor } from '../src/mcp/mcp-tool';
import { bindToolArguments } from '../src/mcp/tool-arguments';
import { isExposed } from '../src/mcp/tool-exposure';
import { toolError, toolResult } from '../src/mcp/tool-result';
import { FixtureModule } from './fixtures/fixture.module';
import { StoreError } from './fixtures/misc.commands';
import { startInProcess } from './support/cli-harness';

/** The fixture's context options, as its `@CliContext()` declares them. */
const CONTEXT: Record<string, CliGlobalOption> = {
  env: { default: 'prod', help: 'Target environment', choices: ['prod', 'staging', 'dev'] },
  region: { default: 'us-east-1', help: 'Cloud region' },
};

describe('MCP tools derived from the registered commands', () => {
  let commands: CommandDefinition[];
  let close: () => Promise<void>;
  let run: Awaited<ReturnType<typeof startInProcess>>['run'];
  const command = (path: string): CommandDefinition => {
    const found = commands.find((c) => c.path === path);
    if (!found) throw new Error(`no command ${path}`);
    return found;
  };
  const tool = (path: string): McpTool => toolFor(command(path), CONTEXT);

  beforeAll(async () => {
    const fx = await startInProcess(FixtureModule);
    commands = fx.app.get(CliRegistry).all();
    run = fx.run;
    close = () => fx.app.close();
  });
  afterAll(() => close());

  describe('schemas', () => {
    it('names a tool after the command path, with only the characters MCP allows', () => {
      expect(toolNameOf({ path: 'add' })).toBe('add');
      expect(toolNameOf({ path: 'deploy service' })).toBe('deploy_service');
      expect(toolNameOf({ path: 'db migration:run' })).toBe('db_migration_run');
      expect(toolNameOf({ path: 'cron dead-letters' })).toBe('cron_dead-letters');
    });

    it('types every argument, lists the required ones and keeps defaults and help text', () => {
      expect(tool('tools greet')).toMatchObject({
        name: 'tools_greet',
        description: 'Greet someone',
        annotations: { title: 'tools greet' },
        inputSchema: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string' },
            times: { type: 'number', default: 1 },
            shout: { type: 'boolean', default: false, description: 'Upper-case it' },
            polite: { type: 'boolean', default: true },
          },
        },
      });
      expect(tool('tools greet').inputSchema.properties.name).not.toHaveProperty('default');
    });

    it('turns choices into enum, and a variadic argument into a typed array', () => {
      expect(tool('list').inputSchema.properties.status).toEqual({
        type: 'string',
        enum: ['pending', 'completed', 'all'],
        default: 'all',
      });
      expect(tool('list').inputSchema).not.toHaveProperty('required');
      expect(tool('tools sum').inputSchema.properties.numbers).toEqual({
        type: 'array',
        items: { type: 'number' },
      });
      expect(tool('tools sum').inputSchema.required).toEqual(['numbers']);
    });

    it('gives a dry-run command a dryRun boolean, declared as a parameter or not', () => {
      for (const path of ['deploy service', 'deploy rollback']) {
        expect(tool(path).inputSchema.properties.dryRun).toEqual({
          type: 'boolean',
          default: false,
          description: 'Show what would happen without doing it',
        });
      }
      expect(tool('add').inputSchema.properties).not.toHaveProperty('dryRun');
    });

    it('adds every context option as an optional property of every tool', () => {
      for (const path of ['add', 'deploy service', 'tools nothing']) {
        const schema = tool(path).inputSchema;
        expect(schema.properties.env).toEqual({
          type: 'string',
          enum: ['prod', 'staging', 'dev'],
          default: 'prod',
          description: 'Target environment',
        });
        expect(schema.properties.region).toEqual({
          type: 'string',
          default: 'us-east-1',
          description: 'Cloud region',
        });
        expect(schema.required ?? []).not.toContain('env');
      }
      expect(tool('add').contextProperties).toEqual(['env', 'region']);
    });

    it('marks @Confirm commands destructive and read-only ones from their metadata', () => {
      expect(tool('remove').annotations).toEqual({ title: 'remove', destructiveHint: true });
      expect(tool('deploy rollback').annotations.destructiveHint).toBe(true);
      expect(tool('add').annotations).toEqual({ title: 'add' });
      const list = command('list');
      const readOnly = { ...list, meta: { ...list.meta, mcp: { readOnly: true } } };
      expect(toolFor(readOnly, CONTEXT).annotations).toEqual({ title: 'list', readOnlyHint: true });
      const rollback = command('deploy rollback');
      const notDestructive = {
        ...rollback,
        meta: { ...rollback.meta, mcp: { destructive: false } },
      };
      expect(toolFor(notDestructive, CONTEXT).annotations.destructiveHint).toBe(false);
    });

    it('refuses two commands that become the same tool name', async () => {
      const add = command('add');
      const twin = { ...add, path: 'add', owner: 'Other.add' };
      await expect(toolsFor([add, twin], CONTEXT)).rejects.toThrow(RegistrationError);
      await expect(toolsFor([add, twin], CONTEXT)).rejects.toThrow(
        "Commands 'add' and 'add' both become MCP tool 'add'; exclude one with mcp.exclude.",
      );
    });

    it('adds one tool per preset, its fixed arguments out of the schema', async () => {
      const page = command('incidents page');
      const presets = (instance: object) => {
        expect(instance).toBe(page.instance);
        return [
          { suffix: 'api', arguments: { service: 'api' }, description: 'Page the api on-call' },
          { suffix: 'worker-sev1', arguments: { service: 'worker', severity: 'sev1' } },
        ];
      };
      const withPresets = { ...page, meta: { ...page.meta, mcp: { presets } } };
      const tools = await toolsFor([withPresets], CONTEXT);
      expect(tools.map((t) => t.name)).toEqual([
        'incidents_page',
        'incidents_page_api',
        'incidents_page_worker-sev1',
      ]);
      const [, api, worker] = tools;
      expect(api).toMatchObject({
        description: 'Page the api on-call',
        annotations: { title: 'incidents page (service=api)' },
        fixed: { service: 'api' },
      });
      expect(Object.keys(api.inputSchema.properties)).toEqual(['severity', 'env', 'region']);
      expect(api.inputSchema).not.toHaveProperty('required');
      expect(worker.description).toBe('Page the on-call');
      expect(bindToolArguments(api, { severity: 'sev3' }, CONTEXT).values).toEqual({
        service: 'api',
        severity: 'sev3',
      });
      expect(() => bindToolArguments(api, { service: 'billing' }, CONTEXT)).toThrow(
        "Unknown argument 'service' for tool 'incidents_page_api'. Its arguments: severity, env, region.",
      );
    });
  });

  describe('which commands are served', () => {
    it('serves every command but @Confirm and hidden ones by default', () => {
      const served = commands.filter((c) => isExposed(c)).map((c) => c.path);
      expect(served).toEqual(expect.arrayContaining(['add', 'list', 'deploy service']));
      for (const path of ['remove', 'deploy rollback', 'tools secret'])
        expect(served).not.toContain(path);
    });

    it('serves a listed command by path or tool name, and never an excluded one', () => {
      expect(isExposed(command('remove'), { expose: ['remove'] })).toBe(true);
      expect(isExposed(command('deploy rollback'), { expose: ['deploy_rollback'] })).toBe(true);
      expect(isExposed(command('tools secret'), { expose: ['tools secret'] })).toBe(true);
      expect(isExposed(command('add'), { exclude: ['add'] })).toBe(false);
      expect(isExposed(command('remove'), { expose: ['remove'], exclude: ['remove'] })).toBe(false);
    });

    it("lets the command's own mcp.expose decide over the module lists", () => {
      const remove = command('remove');
      const add = command('add');
      expect(isExposed({ ...remove, meta: { ...remove.meta, mcp: { expose: true } } })).toBe(true);
      expect(
        isExposed({ ...add, meta: { ...add.meta, mcp: { expose: false } } }, { expose: ['add'] }),
      ).toBe(false);
    });
  });

  describe('arguments of a call', () => {
    it('applies defaults and keeps context options apart', () => {
      expect(bindToolArguments(tool('tools greet'), { name: 'Ann', env: 'dev' }, CONTEXT)).toEqual({
        values: { name: 'Ann', times: 1, shout: false, polite: true },
        context: { env: 'dev' },
      });
      expect(bindToolArguments(tool('list'), undefined, CONTEXT)).toEqual({
        values: { status: 'all' },
        context: {},
      });
      expect(
        bindToolArguments(tool('deploy service'), { name: 'api', dryRun: true }, CONTEXT).values,
      ).toEqual({ name: 'api', version: 'latest', dryRun: true });
    });

    const refusal = (path: string, input: unknown): UsageError => {
      try {
        bindToolArguments(tool(path), input, CONTEXT);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return error as UsageError;
      }
      throw new Error('the arguments were accepted');
    };

    it('refuses a missing required argument', () => {
      const error = refusal('add', { description: 'x' });
      expect(error.message).toBe("Missing required argument 'title'.");
      expect(error.context).toEqual({ command: 'add', argument: 'title' });
      expect(refusal('tools sum', { numbers: [] }).message).toBe(
        "Missing required argument 'numbers'.",
      );
    });

    it('refuses a value of the wrong JSON type, without coercing it', () => {
      expect(refusal('complete', { id: '3' }).message).toBe(
        `Invalid value "3" for argument 'id': expected a number.`,
      );
      expect(refusal('add', { title: 42 }).message).toBe(
        "Invalid value 42 for argument 'title': expected a string.",
      );
      expect(refusal('tools greet', { name: 'a', shout: 'yes' }).message).toBe(
        `Invalid value "yes" for argument 'shout': expected true or false.`,
      );
      expect(refusal('tools sum', { numbers: 5 }).message).toBe(
        "Invalid value 5 for argument 'numbers': expected an array.",
      );
      expect(refusal('tools sum', { numbers: [1, 'two'] }).message).toBe(
        `Invalid value "two" for argument 'numbers': expected a number.`,
      );
    });

    it('refuses a value outside the choices, for arguments and context options', () => {
      const error = refusal('list', { status: 'done' });
      expect(error.message).toBe(
        "Invalid value 'done' for argument 'status': choose from pending, completed, all.",
      );
      expect(error.context.choices).toEqual(['pending', 'completed', 'all']);
      expect(refusal('add', { title: 'x', env: 'qa' }).message).toBe(
        "Invalid value 'qa' for argument 'env': choose from prod, staging, dev.",
      );
    });

    it('refuses unknown names and arguments that are not an object', () => {
      expect(refusal('add', { title: 'x', priority: 1 }).message).toBe(
        "Unknown argument 'priority' for tool 'add'. Its arguments: title, description, env, region.",
      );
      expect(refusal('add', ['x']).message).toBe("Arguments of tool 'add' must be a JSON object.");
      expect(refusal('add', 'x').message).toBe("Arguments of tool 'add' must be a JSON object.");
    });
  });

  describe('the mcp word', () => {
    it('is reserved: no command may take the name', () => {
      const add = command('add');
      const named = { ...add, name: 'mcp', path: 'mcp', aliases: [], flagAliases: [] };
      expect(() => new CliRegistry().register(named)).toThrow(
        new RegistrationError(
          "'mcp' is a built-in command and cannot be declared by TodoCommands.add.",
        ),
      );
    });

    it('is refused inside the shell', async () => {
      const result = await run([], { stdin: 'mcp\nlist\n' });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(
        "Error: 'mcp' runs on its own: start the console as '<name> mcp'.",
      );
      expect(result.stdout).toContain('No todo items found.');
    });
  });

  describe('results and errors', () => {
    it('returns the value as { result } structured content and as text', () => {
      const when = new Date('2026-01-02T03:04:05.000Z');
      expect(toolResult([{ id: 1n, at: when }])).toEqual({
        content: [
          { type: 'text', text: JSON.stringify([{ id: '1', at: when.toISOString() }], null, 2) },
        ],
        structuredContent: { result: [{ id: '1', at: when.toISOString() }] },
      });
      expect(toolResult('Added: x')).toEqual({
        content: [{ type: 'text', text: 'Added: x' }],
        structuredContent: { result: 'Added: x' },
      });
      expect(toolResult(undefined).structuredContent).toEqual({ result: null });
    });

    it('reports an error by type, message and context, without a stack trace', () => {
      const result = toolError(new StoreError('Todo could not be saved'), command('add'));
      const error = {
        type: 'StoreError',
        message: 'Todo could not be saved',
        context: { model: 'Todo', operation: 'save', command: 'add' },
      };
      expect(result).toEqual({
        isError: true,
        content: [{ type: 'text', text: JSON.stringify({ error }, null, 2) }],
        structuredContent: { error },
      });
      const plain = toolError(new Error('boom'), command('add'));
      expect(plain.structuredContent).toEqual({
        error: { type: 'Error', message: 'boom', context: { command: 'add' } },
      });
      expect(plain.content[0].text).not.toMatch(/\bat\b|\.ts:\d/);
    });

    it('reports a thrown non-Error as a CommandExecutionError of the command', () => {
      expect(toolError('a bare string', command('add')).structuredContent).toEqual({
        error: {
          type: CommandExecutionError.name,
          message: 'add: a bare string',
          context: { command: 'add' },
        },
      });
    });
  });
});
