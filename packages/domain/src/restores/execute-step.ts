import type { IdpClient, IdpObject, IdpObjectTypeInfo } from '../idp/types.ts';
import { isSystem } from './caveats.fns.ts';
import type { ApplyStep } from './load-apply-steps.ts';
import type { TypeIndex } from '../snapshots/objects.fns.ts';
import { valueAt } from '../snapshots/paths.fns.ts';
import { type IdMap, liveIdOf, rewriteBody } from './rewrite.fns.ts';

export interface StepOutcome {
  /** The new id of a re-created object whose provider assigns ids. */
  newId?: string;
  /** A create found the object an interrupted attempt had made, and adopted it. */
  adopted?: boolean;
}

/**
 * One step through the connector, with references rewritten through the id map. `resumed`: an
 * earlier attempt began it and died, so a create first looks for the object it may have made, and
 * adopts it with the snapshot's content.
 * Every write here can be repeated: updates replace, relation rows are put, deletes of what is gone
 * are skipped by the check before.
 */
export async function executeStep(
  client: IdpClient,
  index: TypeIndex,
  step: ApplyStep,
  o: { idMap: IdMap; secrets?: Record<string, string>; resumed: boolean; signal?: AbortSignal },
): Promise<StepOutcome> {
  const info = index.get(step.type)!;
  const ref = { type: step.type, id: liveIdOf(index, step.type, step.id, o.idMap) };
  const body = step.desired === undefined ? undefined : rewriteBody(info, step.desired, o.idMap);
  const opts = { signal: o.signal };
  const write = (kind: 'create' | 'update' | 'delete' | 'activate' | 'deactivate', b?: unknown, id = ref.id) =>
    client.writeObject(
      { type: step.type, id },
      { kind, ...(b === undefined ? {} : { body: b }), ...(o.secrets ? { secrets: o.secrets } : {}) },
      opts,
    );
  switch (step.action) {
    case 'create': {
      // A system object (a catch-all rule) is made by the IdP with its parent: found, never created.
      const look = o.resumed || isSystem(info, body);
      const found =
        look && info.restore?.assignsId && client.findObject ? await client.findObject(ref, body, opts) : undefined;
      // What was found carries the snapshot's name, not necessarily its content (someone may have
      // edited it since the interrupted attempt, or made it by hand): bring it to the snapshot's.
      const adopt = async (f: IdpObject) => (info.restore?.update ? ((await write('update', body, f.id)) ?? f) : f);
      const made = found ? await adopt(found) : await write('create', body);
      await settleStatus(info, body, made, (k) => write(k, undefined, made?.id));
      return { ...(info.restore?.assignsId && made ? { newId: made.id } : {}), ...(found ? { adopted: true } : {}) };
    }
    case 'update':
    case 'reactivate': {
      // Where the IdP ignores a deactivated object's updates (a DEPROVISIONED user), activate it first:
      // the same object, its id kept, then the snapshot's content over it.
      if (step.action === 'reactivate' && info.restore?.activateFirst) await write('activate');
      const onlyStatus = step.detail.changes.every((c) => c.path === '$.status');
      const now = onlyStatus ? await client.readObject(ref, opts) : await write('update', body);
      await settleStatus(info, body, now, (k) => write(k));
      return {};
    }
    case 'delete':
      await write('delete');
      return {};
    default:
      return {};
  }
}

/** Statuses change through activate/deactivate, not updates: bring the object to the snapshot's. */
async function settleStatus(
  info: IdpObjectTypeInfo,
  desired: unknown,
  now: IdpObject | undefined,
  call: (k: 'activate' | 'deactivate') => Promise<unknown>,
) {
  if (!info.restore?.lifecycle) return;
  const want = valueAt(desired, 'status');
  const have = valueAt(now?.body, 'status');
  if (typeof want === 'string' && info.restore.statusReached?.[want]?.includes(String(have))) return;
  if (want === 'ACTIVE' && have !== 'ACTIVE') await call('activate');
  else if ((want === 'INACTIVE' || want === 'DEPROVISIONED') && have === 'ACTIVE') await call('deactivate');
}
