export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** One request with a JSON body (or none); the answer's status and parsed JSON (or text). */
export async function requestJson(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<JsonAnswer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

export function expectStatus(what: string, answer: JsonAnswer, status: number): void {
  if (answer.status !== status) {
    const body = JSON.stringify(answer.body).slice(0, 300);
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${body}`);
  }
}
