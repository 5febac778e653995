import autocannon from 'autocannon';

export interface LoadPlan {
  method: 'GET' | 'POST';
  /** Path and JSON body of request n (0, 1, 2, … in the order autocannon sends them). */
  path(n: number): string;
  body?(n: number): unknown;
  /** Every answer must have this status. */
  status: number;
}

export interface LoadSettings {
  /** Requests per timed call. */
  amount: number;
  /** Keep-alive connections sending them concurrently (one request in flight each). */
  connections: number;
}

/**
 * Sends `amount` requests over `connections` keep-alive connections with autocannon and
 * resolves with its result; the caller times the whole call, which ends within a
 * millisecond of the last answer. Request n is built from the
 * plan, so every server gets the same sequence.
 */
export async function runLoad(
  baseUrl: string,
  plan: LoadPlan,
  settings: LoadSettings,
): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url: baseUrl,
    amount: settings.amount,
    connections: settings.connections,
    pipelining: 1,
    timeout: 30,
    // autocannon notices the last answer on its next sample tick (default every second).
    sampleInt: 1,
    requests: [
      {
        method: plan.method,
        headers: plan.body ? { 'content-type': 'application/json' } : {},
        setupRequest: (request) => {
          const i = n++;
          return {
            ...request,
            path: plan.path(i),
            ...(plan.body ? { body: JSON.stringify(plan.body(i)) } : {}),
          };
        },
      },
    ],
  });
}

/** Throws unless all `amount` requests were answered, each with the plan's status. */
export function verifyLoad(
  what: string,
  result: autocannon.Result,
  plan: LoadPlan,
  amount: number,
) {
  const codes = result.statusCodeStats ?? {};
  const counts = Object.entries(codes).map(([code, s]) => `${code}×${s.count ?? 0}`);
  const ok = Number(codes[`${plan.status}` as `${number}`]?.count ?? 0);
  if (result.errors || result.timeouts || ok !== amount || counts.length !== 1) {
    throw new Error(
      `${what}: expected ${amount}× ${plan.status}, got ${counts.join(' ') || 'no answers'}, ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
}
