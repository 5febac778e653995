import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export interface InstanceIdentity {
  id: string;
  host: string;
  pid: number;
}

export function instanceIdentity(id?: string): InstanceIdentity {
  const host = hostname();
  return {
    id: id ?? `${host}-${process.pid}-${randomBytes(3).toString('hex')}`,
    host,
    pid: process.pid,
  };
}
