import 'reflect-metadata';
import { IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { InvalidQueryError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';
import { tenantScope, unscoped } from '../src/manager/scopes/tenant-scope';

@Model({
  table: 'ten_projects',
  tenantField: 'tenantId',
  unique: [['tenantId', 'slug']],
  softDelete: true,
})
class Project {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() tenantId!: string;
  @Field() @IsString() slug!: string;
  @Field() @IsString() title!: string;
  deletedAt?: Date | null;
}

@Model({ table: 'ten_members', tenantField: 'tenantId', unique: ['email'] })
class Member {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() tenantId!: string;
  @Field() @IsString() email!: string;
  @Field() @IsString() name!: string;
}

describeEachDialect('Tenant scoping', (target) => {
  let db: DatabaseRegistry;
  const projects = () => db.manager(Project);
  let acmeId: number;
  let globexId: number;
  beforeAll(async () => {
    db = new DatabaseRegistry({ url: target().url }).register(Project, Member);
    acmeId = (
      await tenantScope('acme', () =>
        projects().create({ slug: 'site', title: 'Acme site' } as any),
      )
    ).id!;
    globexId = (
      await tenantScope('globex', () =>
        projects().create({ slug: 'site', title: 'Globex site' } as any),
      )
    ).id!;
  });
  afterAll(() => db.dispose());

  it('fills the tenant on create and reads only the scope tenant rows', async () => {
    await tenantScope('acme', async () => {
      const all = await projects().all();
      expect(all.map((p) => [p.tenantId, p.title])).toEqual([['acme', 'Acme site']]);
      expect(await projects().count()).toBe(1);
      expect(await projects().get(globexId)).toBeNull();
      expect((await projects().require(acmeId)).title).toBe('Acme site');
      expect(await projects().exists({ slug: 'site' })).toBe(true);
    });
  });

  it('refuses every operation outside a scope unless unscoped', async () => {
    await expect(projects().all()).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(projects().create({ slug: 'x', title: 'x' } as any)).rejects.toBeInstanceOf(
      InvalidQueryError,
    );
    await expect(projects().get(acmeId)).rejects.toBeInstanceOf(InvalidQueryError);
    expect(await unscoped(() => projects().count())).toBe(2);
  });

  it('refuses a conflicting tenant value in data and changes', async () => {
    await tenantScope('acme', async () => {
      await expect(
        projects().create({ tenantId: 'globex', slug: 'y', title: 'y' }),
      ).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(
        projects().updateWhere({ slug: 'site' }, { tenantId: 'globex' }),
      ).rejects.toBeInstanceOf(InvalidQueryError);
    });
    expect(await unscoped(() => projects().count({ tenantId: 'globex' }))).toBe(1);
  });

  it('updates and deletes only within the tenant', async () => {
    await tenantScope('globex', async () => {
      expect(
        await projects().updateWhere({}, { title: 'renamed' }, { allowFullTable: true }),
      ).toHaveLength(1);
      expect(await projects().delete(acmeId)).toBe(false);
      expect(await projects().hardDelete(acmeId)).toBe(false);
      expect(await projects().bulkDelete([acmeId])).toBe(0);
    });
    const acme = await tenantScope('acme', () => projects().require(acmeId));
    expect(acme.title).toBe('Acme site');
    await tenantScope('globex', async () => {
      await expect(acme.save()).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(acme.update({ title: 'stolen' })).rejects.toBeInstanceOf(InvalidQueryError);
    });
    expect((await tenantScope('acme', () => projects().require(acmeId))).title).toBe('Acme site');
  });

  it('getOrCreate implies the tenant in unique lookups; upsert stays inside the tenant', async () => {
    await tenantScope('acme', async () => {
      const [found, created] = await projects().getOrCreate({
        lookup: { slug: 'site' },
        defaults: { title: 'ignored' },
      });
      expect(created).toBe(false);
      expect(found.id).toBe(acmeId);
      const [fresh, made] = await projects().getOrCreate({
        lookup: { slug: 'blog' },
        defaults: { title: 'Blog' },
      });
      expect(made).toBe(true);
      expect(fresh.tenantId).toBe('acme');
      const upserted = await projects().upsert({ slug: 'blog', title: 'Acme blog' } as any);
      expect(upserted.id).toBe(fresh.id);
    });
    expect(await tenantScope('globex', () => projects().count())).toBe(1);
  });

  it('an upsert whose conflict is another tenant row is refused and rolled back', async () => {
    await tenantScope('acme', () =>
      db.manager(Member).create({ email: 'shared@example.com', name: 'Acme person' } as any),
    );
    await expect(
      tenantScope('globex', () =>
        db.manager(Member).upsert({ email: 'shared@example.com', name: 'Hijack' } as any),
      ),
    ).rejects.toBeInstanceOf(InvalidQueryError);
    const row = await tenantScope('acme', () =>
      db.manager(Member).require({ email: 'shared@example.com' }),
    );
    expect(row.name).toBe('Acme person');
  });

  it('keeps concurrent scopes apart', async () => {
    const [a, g] = await Promise.all([
      tenantScope('acme', async () => {
        await new Promise((r) => setTimeout(r, 10));
        return (await projects().all()).map((p) => p.tenantId);
      }),
      tenantScope('globex', async () => (await projects().all()).map((p) => p.tenantId)),
    ]);
    expect(new Set(a)).toEqual(new Set(['acme']));
    expect(new Set(g)).toEqual(new Set(['globex']));
  });
});
