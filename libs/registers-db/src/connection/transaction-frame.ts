import type { DataSource, EntityManager } from 'typeorm';
import type { TransactionSession } from '../dialects/base/driver-session.interface';
import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import { entityManagerOn } from './adopted-source';

/** One transaction (or savepoint) of a connection, in the async flow that runs it. */
export interface TransactionFrame {
  session: TransactionSession;
  depth: number;
  /** The TypeORM EntityManager of the transaction: given when joined, else made on demand. */
  manager?: EntityManager;
  releaseManager?: () => void;
  /** The enclosing frame of a savepoint: the EntityManager belongs to the outermost one. */
  parent?: TransactionFrame;
}

/**
 * The EntityManager of `frame`'s transaction, made once per transaction on its pinned
 * connection (savepoints share their transaction's).
 */
export function frameEntityManager(
  frame: TransactionFrame,
  source: DataSource | undefined,
  connectionName: string,
): EntityManager {
  let root = frame;
  while (root.parent) root = root.parent;
  if (root.manager) return root.manager;
  if (!source)
    throw new ConfigurationError(
      configurationMessages.entityManagerWithoutDataSource(connectionName),
    );
  const made = entityManagerOn(source, root.session.connection);
  root.manager = made.manager;
  root.releaseManager = made.release;
  return made.manager;
}
