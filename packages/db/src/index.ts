export { createDb, createOrderedDb, createPool, type PoolOptions } from './client.ts';
export { listenForNotifications, type NotificationListener, type ListenOptions } from './notifications.ts';
export type { DB } from './generated/db.ts';
export type * from './generated/db.ts';
export {
  sql,
  type Kysely,
  type RawBuilder,
  type Transaction,
  type Selectable,
  type Insertable,
  type Updateable,
} from 'kysely';
