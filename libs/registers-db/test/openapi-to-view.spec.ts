import 'reflect-metadata';
import { PickType } from '@nestjs/swagger';
import { toView, ViewDto } from '../src/swagger';
import { ApiMember, ApiProduct } from './support/api-models';

describe('toView', () => {
  const product = Object.assign(new ApiProduct(), {
    id: 7,
    name: 'Tea',
    price: 4.5,
    stock: null,
    status: 'live',
    featured: false,
    views: 9007199254740993n,
    launchedOn: new Date(Date.UTC(2024, 1, 29)),
    notes: null,
    createdAt: new Date('2024-03-01T10:20:30.456Z'),
    updatedAt: new Date('2024-03-02T00:00:00.000Z'),
    deletedAt: null,
  });

  it('serializes decimals at their scale, days, date-times and bigints as JSON values', () => {
    const view = toView(ViewDto(ApiProduct), { ...product, price: 0.1 + 0.2 }) as Record<
      string,
      unknown
    >;
    expect(view).toEqual({
      id: 7,
      name: 'Tea',
      price: 0.3,
      stock: null,
      status: 'live',
      featured: false,
      views: '9007199254740993',
      launchedOn: '2024-02-29',
      notes: null,
      createdAt: '2024-03-01T10:20:30.456Z',
      updatedAt: '2024-03-02T00:00:00.000Z',
      deletedAt: null,
    });
    expect(JSON.parse(JSON.stringify(toView(ViewDto(ApiProduct), product)))).toMatchObject({
      price: 4.5,
    });
    // Drivers that read decimals as text give the same JSON number.
    expect(toView(ViewDto(ApiProduct), { ...product, price: '19.90' })).toMatchObject({
      price: 19.9,
    });
  });

  it('never carries a password hash or an encrypted value', () => {
    const member = Object.assign(new ApiMember(), {
      id: '5b0f4a52-0f7e-4f5e-9a44-5f3f7a1c9d10',
      email: 'a@example.com',
      password: 'pbkdf2_sha256$1000$salt$hash',
      phone: '+1 555',
      invitation: 'x',
    });
    const view = toView(ViewDto(ApiMember), member);
    expect(view).toEqual({ id: member.id, email: 'a@example.com' });
    // A view composed by hand that lists the password still leaves it out.
    const Leaky = PickType(ViewDto(ApiMember), ['email'] as never[]);
    Reflect.defineMetadata(
      'swagger/apiModelPropertiesArray',
      [':email', ':password', ':phone'],
      Leaky.prototype,
    );
    expect(toView(Leaky, member)).toEqual({ email: 'a@example.com' });
  });

  it('follows a view composed with PickType', () => {
    const Short = PickType(ViewDto(ApiProduct), ['id', 'price'] as never[]);
    expect(toView(Short, product)).toEqual({ id: 7, price: 4.5 });
  });
});
