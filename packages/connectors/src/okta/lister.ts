import type { IdpObject } from '@butterfly/domain/idp';
import {
  childrenOf,
  fillPath,
  getTemplate,
  keyOf,
  parentKeyFor,
  planTypes,
  scopesFor,
  typeDef,
} from './catalog.fns.ts';
import type { OktaObjectType } from './catalog.ts';
import { Channel } from './channel.ts';
import { OktaApiError } from './errors.ts';
import type { OktaApi } from './http/api.ts';
import type { StatsRecorder } from './http/stats.ts';
import { isAbsence, objectId, toIdpObject } from './objects.fns.ts';
import { valueAt } from './json-path.fns.ts';
import { pagesOf } from './pager.ts';

interface Prepared {
  object?: IdpObject;
  detail?: { id: string; key: string };
  childKeys: (string | undefined)[];
}

export interface ListOptions {
  types: readonly string[];
  signal?: AbortSignal;
  /** Child lists one walker keeps going at once (bounded, so a 100k-user org does not queue 100k tasks). */
  fanout: number;
  /** The caller knows these children are unchanged (IdpClient.listObjects): their list is not read. */
  skipChildren?: (childType: string, parent: { type: string; id: string; body: unknown }) => boolean;
}

/**
 * Streams objects of many types at once. Each root type is walked concurrently; each item spawns the
 * walks of its child types (group → members), at most `fanout` per walker, and the org-wide cap is
 * the governor's. Objects reach the consumer through a bounded channel, so nothing waits in memory
 * longer than a page. The first real error cancels every walk and ends the stream with it.
 */
export async function* listObjects(api: OktaApi, stats: StatsRecorder, o: ListOptions): AsyncGenerator<IdpObject> {
  const plan = planTypes(o.types);
  const tokenScopes = scopesFor(plan.walked);
  const out = new Channel<IdpObject>();
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(o.signal?.reason);
  o.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const fail = (e: unknown) => {
    out.fail(e);
    abort.abort(e);
  };

  /**
   * Whether this parent's list of `child` is not read: Okta documents none under such a parent
   * (`parentWhen`), or the caller knows the children unchanged, unless the catalog says not to trust
   * the parent's word.
   */
  const skips = (child: OktaObjectType, parent: { type: string; id: string; body: unknown }) => {
    if (child.parentWhen && !child.parentWhen.in.includes(valueAt(parent.body, child.parentWhen.path))) return true;
    const untrusted = child.parentVersionUntrustedWhen;
    if (!o.skipChildren || (untrusted && valueAt(parent.body, untrusted.path) === untrusted.equals)) return false;
    return o.skipChildren(child.type, parent);
  };

  const walk = async (def: OktaObjectType, ancestors: string[]): Promise<void> => {
    // Listed, even if it finds none: a snapshot must tell "the org has no log streams" from "not read".
    if (plan.wanted.has(def.type)) stats.type(def.type);
    const children = childrenOf(def.type).filter((c) => plan.walked.has(c.type));
    const running = new Set<Promise<void>>();
    const signal = abort.signal;
    // What the walk still needs of an item: the object as it will be stored (or, for summaries, the
    // key to read it by) and the keys its children are listed under. The raw item is then dropped.
    const prepare = (item: unknown): Prepared => {
      const id = objectId(def, ancestors, item);
      const wanted = plan.wanted.has(def.type);
      return {
        object: wanted && !def.detail ? toIdpObject(def, id, item) : undefined,
        detail: wanted && def.detail ? { id, key: keyOf(def, item)! } : undefined,
        childKeys: children.map((child) =>
          skips(child, { type: def.type, id, body: item }) ? undefined : parentKeyFor(child, def, item),
        ),
      };
    };
    const emit = async (item: Prepared) => {
      let object = item.object;
      if (item.detail) {
        const body = await readDetail(def, [...ancestors, item.detail.key]);
        if (body === undefined) return;
        object = toIdpObject(def, item.detail.id, body);
      }
      if (object) {
        await out.push(object);
        stats.type(def.type).objects++;
      }
      for (const [i, child] of children.entries()) {
        const key = item.childKeys[i];
        if (key === undefined) continue;
        while (running.size >= o.fanout) await Promise.race(running);
        const p = walk(child, [...ancestors, key])
          .catch(fail)
          .finally(() => running.delete(p));
        running.add(p);
      }
    };
    const readDetail = async (d: OktaObjectType, keys: string[]) => {
      try {
        return (
          await api.get(fillPath(getTemplate(d)!, keys), {
            template: getTemplate(d)!,
            scope: d.scope,
            tokenScopes,
            signal,
          })
        ).body;
      } catch (e) {
        if (e instanceof OktaApiError && e.status === 404) return undefined; // deleted since it was listed
        throw e;
      }
    };
    try {
      for (const pass of def.passes ?? [{}]) {
        try {
          for await (const page of pagesOf(api, def, ancestors, pass, { tokenScopes, signal }, prepare)) {
            for (const item of page) await emit(item);
          }
        } catch (e) {
          if (!isAbsence(def, e)) throw e;
          stats.type(def.type).skipped ??= e.message;
        }
      }
    } finally {
      await Promise.all(running);
    }
  };

  const roots = [...plan.walked].map(typeDef).filter((d) => !d.parent);
  Promise.all(roots.map((d) => walk(d, []).catch(fail))).then(() => out.close(), fail);
  try {
    yield* out;
  } finally {
    o.signal?.removeEventListener('abort', onOuterAbort);
    abort.abort(new Error('listing stopped'));
  }
}
