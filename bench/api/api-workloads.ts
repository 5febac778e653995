import { Contender, Target, Workload } from '../lib/workload';
import { LoadPlan, LoadSettings, runLoad, verifyLoad } from './load';
import { customerPath, orderBody, SHOP } from './shop-data';
import type { ShopTables } from './shop-tables';

export type ApiKind = 'getCustomer' | 'postOrder';
export const API_KINDS: ApiKind[] = ['getCustomer', 'postOrder'];

export interface ApiServer {
  name: string;
  label: string;
  baseUrl: string;
}

const PLANS: Record<ApiKind, LoadPlan> = {
  getCustomer: { method: 'GET', path: customerPath, status: 200 },
  postOrder: { method: 'POST', path: () => '/orders', body: orderBody, status: 201 },
};

const TITLES: Record<ApiKind, string> = {
  getCustomer: 'GET /customers/:id',
  postOrder: 'POST /orders (2 lines)',
};

/**
 * SPEC 6 sets no number for the api. Ours: the sample serves `POST /orders` (one transaction of
 * a customer read, a stock update and a product read per line, two inserts) at least as fast as
 * the faster of the two hand-written peers, TypeORM and Drizzle, in the same run, on every
 * dialect (subject median ≤ 1.0× that peer's). `GET /customers/:id` is for information.
 */
const TARGETS: Record<ApiKind, Target[]> = {
  getCustomer: [],
  postOrder: [{ against: ['typeorm', 'drizzle'], kind: 'at-most', value: 1.0 }],
};

/** `postOrder`: stock is reset before every call; the first call's orders must all be written. */
function contender(
  kind: ApiKind,
  server: ApiServer,
  load: LoadSettings,
  tables: ShopTables,
): Contender {
  const plan = PLANS[kind];
  let ordersBefore = 0;
  return {
    name: server.name,
    label: server.label,
    before: async () => {
      if (kind !== 'postOrder') return;
      await tables.setAllStock(SHOP.stock);
      ordersBefore = await tables.count('orders');
    },
    // Every call checks its status counts (microseconds against a second of load), so a
    // server that starts failing fast is reported as an error, never as a fast time.
    run: async () => {
      const result = await runLoad(server.baseUrl, plan, load);
      verifyLoad(`${server.name} ${TITLES[kind]}`, result, plan, load.amount);
      return result;
    },
    verify: async () => {
      if (kind !== 'postOrder') return;
      const written = (await tables.count('orders')) - ordersBefore;
      if (written !== load.amount)
        throw new Error(`${server.name}: ${load.amount} orders answered 201, ${written} written`);
    },
  };
}

/** One workload per kind: the same request sequence against every server, one after another. */
export function buildApiWorkloads(
  dialect: string,
  kinds: ApiKind[],
  servers: ApiServer[],
  load: LoadSettings,
  tables: ShopTables,
): Workload[] {
  return kinds.map((kind) => ({
    id: `${dialect}.${kind}`,
    area: 'api',
    group: dialect,
    title: `${TITLES[kind]} ×${load.amount}, ${load.connections} connections`,
    ops: load.amount,
    subject: 'registers',
    targets: TARGETS[kind],
    contenders: servers.map((s) => contender(kind, s, load, tables)),
  }));
}
