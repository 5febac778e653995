/** The peer libraries every db setup runs next to registers and the raw driver, in table order. */
import { DRIZZLE_LABELS, DrizzleAnchor } from './anchors/drizzle';
import { DRIZZLE_VALIDATED_LABELS, DrizzleValidatedAnchor } from './anchors/drizzle-validated';
import { KYSELY_LABELS, KyselyAnchor } from './anchors/kysely';
import { MIKRO_ORM_LABELS, MikroOrmAnchor } from './anchors/mikro-orm';
import { TYPEORM_LABELS, TypeormAnchor } from './anchors/typeorm';
import { Contestant, WorkloadKind } from './contestant';
import { FreshDatabase } from './databases';
import { Entrant } from './workloads';

interface Peer {
  name: string;
  labels: Record<WorkloadKind, string>;
  connect(db: FreshDatabase, pragmas: Record<string, string | number>): Promise<Contestant>;
}

const PEERS: Peer[] = [
  { name: 'drizzle', labels: DRIZZLE_LABELS, connect: DrizzleAnchor.connect },
  {
    name: 'drizzle+validation',
    labels: DRIZZLE_VALIDATED_LABELS,
    connect: DrizzleValidatedAnchor.connect,
  },
  { name: 'kysely', labels: KYSELY_LABELS, connect: KyselyAnchor.connect },
  { name: 'typeorm', labels: TYPEORM_LABELS, connect: TypeormAnchor.connect },
  { name: 'mikro-orm', labels: MIKRO_ORM_LABELS, connect: MikroOrmAnchor.connect },
];

/**
 * Connects every peer to the bench database (the table must exist: some prepare their
 * statements now). One that fails is entered as skipped with the reason; the run goes on.
 * Every connected peer is added to `open`, to be closed by the caller.
 */
export async function connectPeers(
  db: FreshDatabase,
  pragmas: Record<string, string | number>,
  open: Array<{ close(): Promise<void> }>,
): Promise<Entrant[]> {
  const entrants: Entrant[] = [];
  for (const peer of PEERS) {
    try {
      const contestant = await peer.connect(db, pragmas);
      open.push(contestant);
      entrants.push(contestant);
    } catch (error) {
      const reason = `could not connect: ${String((error as Error)?.message ?? error).split('\n')[0]}`;
      entrants.push({ name: peer.name, labels: peer.labels, skip: reason });
    }
  }
  return entrants;
}
