import { Contender, Workload } from '../lib/workload';
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
    // SPEC 6 sets no number for the api: the ratios are for information.
    targets: [],
    contenders: servers.map((s) => contender(kind, s, load, tables)),
  }));
}
