import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { RegistersCrudModule } from '../src/crud';
import { ConfigurationError } from '../src/errors';
import { ApiMember, ApiProduct } from './support/api-models';

describe('RegistersCrudModule.forFeature options', () => {
  const refuse = (options: object) => () =>
    RegistersCrudModule.forFeature([{ model: ApiProduct, path: 'products', ...options }]);

  it('refuses a filter or sort on a field the model does not have', () => {
    expect(refuse({ filterable: ['colour'] })).toThrow(ConfigurationError);
    expect(refuse({ filterable: ['colour'] })).toThrow(/filterable names 'colour'/);
    expect(refuse({ sortable: ['colour'] })).toThrow(/sortable names 'colour'/);
  });

  it('refuses an operator the field type does not support', () => {
    expect(refuse({ filterable: { price: ['contains'] } })).toThrow(
      /ApiProduct: filterable allows 'contains' on 'price'.*use one of eq, not, gt/,
    );
    // is_null only where the column can be empty
    expect(refuse({ filterable: { name: ['is_null'] } })).toThrow(ConfigurationError);
  });

  it('refuses filtering or sorting on a password or encrypted field', () => {
    for (const field of ['password', 'phone']) {
      expect(() =>
        RegistersCrudModule.forFeature([{ model: ApiMember, path: 'm', filterable: [field] }]),
      ).toThrow(/password or encrypted field/);
      expect(() =>
        RegistersCrudModule.forFeature([{ model: ApiMember, path: 'm', sortable: [field] }]),
      ).toThrow(ConfigurationError);
    }
  });

  it('refuses an unknown operation', () => {
    expect(refuse({ operations: ['list', 'purge'] })).toThrow(/unknown CRUD operation 'purge'/);
  });

  it('builds one controller per resource, importing the managers of their registry', () => {
    const module = RegistersCrudModule.forFeature([
      { model: ApiProduct, path: 'products' },
      { model: ApiMember, path: 'members', registry: 'archive' },
    ]);
    expect(module.controllers?.map((c) => c.name)).toEqual([
      'ApiProductCrudController',
      'ApiMemberCrudController',
    ]);
    expect(module.imports).toHaveLength(2);
  });

  it('tells apart the controllers of a model served under two paths', () => {
    const module = RegistersCrudModule.forFeature([
      { model: ApiProduct, path: 'products' },
      { model: ApiProduct, path: 'admin/all-products', operations: ['delete'] },
    ]);
    expect(module.controllers?.map((c) => c.name)).toEqual([
      'ApiProductProductsCrudController',
      'ApiProductAdminAllProductsCrudController',
    ]);
  });
});

describe('@registers/db main entry', () => {
  it('loads neither @nestjs/swagger nor the swagger and crud folders', () => {
    const root = join(__dirname, '..', '..', '..');
    const script = `require('./libs/registers-db/src');
      const loaded = Object.keys(require.cache);
      console.log(JSON.stringify({
        count: loaded.length,
        swagger: loaded.filter((k) => /@nestjs[\\\\/]swagger|registers-db[\\\\/]src[\\\\/](swagger|crud)[\\\\/]/.test(k)),
      }));`;
    const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result.count).toBeGreaterThan(100);
    expect(result.swagger).toEqual([]);
  });
});
