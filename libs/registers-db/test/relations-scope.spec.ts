import 'reflect-metadata';
import { IsInt, IsOptional, IsString, IsUUID } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { DatabaseRegistry } from '../src/registry';
import {
  defineRelations,
  linkRelations,
  loadRelated,
  ManyToMany,
  ManyToOne,
  OneToMany,
  prefetch,
} from '../src/relations';
import { assertQueryCount, createTestRegistry } from '../src/testing';

@Model({ table: 'scope_teams' })
class Team {
  @Field({ id: 'uuid4' }) id?: string;
  @Field() @IsString() name!: string;
}

@Model({ table: 'scope_members' })
class Member {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'scope_teams.id', nullable: true }) @IsOptional() @IsUUID() teamId?:
    string | null;
  @Field() @IsString() name!: string;
}

@Model({ table: 'scope_skills' })
class Skill {
  @Field({ id: 'uuid4' }) id?: string;
  @Field() @IsString() name!: string;
}

@Model({ table: 'scope_member_skills' })
class MemberSkill {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'scope_members.id' }) @IsInt() memberId!: number;
  @Field({ foreignKey: 'scope_skills.id' }) @IsUUID() skillId!: string;
}

/** Soft delete is a read rule of the manager, so many-to-many loads go through it. */
@Model({ table: 'scope_badges', softDelete: true })
class Badge {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'scope_member_badges' })
class MemberBadge {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'scope_members.id' }) @IsInt() memberId!: number;
  @Field({ foreignKey: 'scope_badges.id' }) @IsInt() badgeId!: number;
}

defineRelations(Team, { members: OneToMany(() => Member, { foreignKey: 'teamId' }) });
defineRelations(Member, {
  team: ManyToOne(() => Team, { localKey: 'teamId' }),
  skills: ManyToMany(() => Skill, {
    through: () => MemberSkill,
    sourceKey: 'memberId',
    targetKey: 'skillId',
  }),
  badges: ManyToMany(() => Badge, {
    through: () => MemberBadge,
    sourceKey: 'memberId',
    targetKey: 'badgeId',
    orderBy: '-name',
  }),
});

const MODELS = [Team, Member, Skill, MemberSkill, Badge, MemberBadge];

describeEachDialect('Relations: uuid keys and registry scope', (target) => {
  it('follows uuid keys in every direction, one by one and prefetched', async () => {
    const db = await createTestRegistry(MODELS, { url: target().url });
    try {
      const red = await db.manager(Team).create({ name: 'red' });
      const blue = await db.manager(Team).create({ name: 'blue' });
      const ann = await db.manager(Member).create({ teamId: red.id, name: 'Ann' });
      const ben = await db.manager(Member).create({ teamId: blue.id, name: 'Ben' });
      const loner = await db.manager(Member).create({ name: 'Loner' });
      const sql = await db.manager(Skill).create({ name: 'sql' });
      const ts = await db.manager(Skill).create({ name: 'ts' });
      await db.manager(MemberSkill).bulkCreate([
        { memberId: ann.id!, skillId: sql.id! },
        { memberId: ann.id!, skillId: ts.id! },
        { memberId: ben.id!, skillId: ts.id! },
      ]);
      expect((await loadRelated<Member[]>(red, 'members')).map((m) => m.name)).toEqual(['Ann']);
      expect((await loadRelated<Team>(ben, 'team')).id).toBe(blue.id);
      expect((await loadRelated<Skill[]>(ann, 'skills')).map((s) => s.name)).toEqual(['sql', 'ts']);

      const members = await db.manager(Member).all({ orderBy: 'id' });
      await assertQueryCount({ exact: 2 }, async () => {
        await prefetch(members, 'team');
        await prefetch(members, 'skills');
      });
      const view = await assertQueryCount({ exact: 0 }, () =>
        Promise.all(
          members.map(async (m) => [
            m.name,
            (await loadRelated<Team | null>(m, 'team'))?.name ?? null,
            (await loadRelated<Skill[]>(m, 'skills')).map((s) => s.name),
          ]),
        ),
      );
      expect(view).toEqual([
        ['Ann', 'red', ['sql', 'ts']],
        ['Ben', 'blue', ['ts']],
        ['Loner', null, []],
      ]);
      expect(loner.teamId).toBeNull();
    } finally {
      await db.dispose();
    }
  });

  it('loads many-to-many through the managers when the target has manager read rules', async () => {
    const db = await createTestRegistry(MODELS, { url: target().url });
    try {
      const [ann, ben] = await db.manager(Member).bulkCreate([{ name: 'Ann' }, { name: 'Ben' }]);
      const [gold, silver] = await db
        .manager(Badge)
        .bulkCreate([{ name: 'gold' }, { name: 'silver' }]);
      await db.manager(MemberBadge).bulkCreate([
        { memberId: ann.id!, badgeId: silver.id! },
        { memberId: ann.id!, badgeId: gold.id! },
        { memberId: ann.id!, badgeId: silver.id! },
        { memberId: ben.id!, badgeId: gold.id! },
      ]);
      const members = [ann, ben];
      // The join rows through one manager, the badges through the other.
      await assertQueryCount({ exact: 2 }, () => prefetch(members, 'badges'));
      const names = await Promise.all(
        members.map(async (m) => (await loadRelated<Badge[]>(m, 'badges')).map((b) => b.name)),
      );
      expect(names).toEqual([['silver', 'gold'], ['gold']]);
    } finally {
      await db.dispose();
    }
  });

  it('loads each record relations from the registry whose manager returned it', async () => {
    const first = await createTestRegistry(MODELS, { url: target().url });
    const second = await createTestRegistry(MODELS, { url: target().url });
    try {
      const inFirst = await first.manager(Team).create({ name: 'first team' });
      await first.manager(Member).create({ teamId: inFirst.id, name: 'in first' });
      const inSecond = await second.manager(Team).create({ name: 'second team' });
      await second.manager(Member).create({ teamId: inSecond.id, name: 'in second' });
      expect((await loadRelated<Member[]>(inFirst, 'members')).map((m) => m.name)).toEqual([
        'in first',
      ]);
      expect((await loadRelated<Member[]>(inSecond, 'members')).map((m) => m.name)).toEqual([
        'in second',
      ]);
      await assertQueryCount({ exact: 0, registry: first }, () => prefetch([inSecond], 'members'));
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });

  it('picks up models registered on a linked registry after it was linked', async () => {
    const db = new DatabaseRegistry({ url: target().url }).register(Team);
    try {
      linkRelations(db);
      db.register(Member);
      const team = await db.manager(Team).create({ name: 'late' });
      const member = await db.manager(Member).create({ teamId: team.id, name: 'Late member' });
      expect((await loadRelated<Team>(member, 'team')).name).toBe('late');
    } finally {
      await db.manager(Member).deleteWhere({}, { allowFullTable: true });
      await db.manager(Team).deleteWhere({}, { allowFullTable: true });
      await db.dispose();
    }
  });
});
