import { topoOrder } from './graph.fns.ts';
import { ownKeyOf, parentOf, refKey, referencesOf, type TypeIndex } from '../snapshots/objects.fns.ts';
import { valueAt } from '../snapshots/paths.fns.ts';
import type { OrderedStep, PlannedStep } from './types.ts';

/**
 * The order of a plan, from the references in the objects themselves: an object comes after what
 * its restored body names (a group before the rule and the policy that name it, a zone before its
 * policies, an app before its assignments) and after its parent; a deletion comes after the steps
 * that stop referencing it, and children go before their parents. Sibling rules keep their
 * priorities (1 first). Ties keep (type, id) order, so the same plan always comes out the same.
 */
export function orderSteps(planned: readonly PlannedStep[], types: TypeIndex): OrderedStep[] {
  const steps = [...planned].sort((a, b) =>
    a.type < b.type ? -1 : a.type > b.type ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const byKey = new Map(steps.map((s, i) => [refKey(s.type, s.id), i]));
  const byOwnKey = new Map<string, number[]>();
  steps.forEach((s, i) => {
    const own = ownKeyOf(types.get(s.type)!, s.id);
    if (own && own !== s.id) push(byOwnKey, refKey(s.type, own), i);
  });
  // Indexes for references by a field other than the id (an authenticator's key), built on first use.
  const fieldIndex = new Map<string, Map<unknown, number[]>>();
  const byField = (type: string, field: string, value: string) => {
    const k = `${type}\u0000${field}`;
    let index = fieldIndex.get(k);
    if (!index) {
      index = new Map();
      for (const [i, s] of steps.entries())
        if (s.type === type && s.action !== 'delete') push(index, valueAt(s.desired, field), i);
      fieldIndex.set(k, index);
    }
    return index.get(value) ?? [];
  };
  const targets = (type: string, value: string) =>
    [byKey.get(refKey(type, value)), ...(byOwnKey.get(refKey(type, value)) ?? [])].filter(
      (i): i is number => i !== undefined,
    );

  const edges: [number, number][] = [];
  steps.forEach((s, i) => {
    const info = types.get(s.type)!;
    const parent = parentOf(info, s.id);
    const p = parent && byKey.get(refKey(parent.type, parent.id));
    if (s.action === 'delete') {
      if (p !== undefined && steps[p]!.action === 'delete') edges.push([i, p]);
      return;
    }
    if (s.action === 'skip') return;
    if (p !== undefined && steps[p]!.action !== 'delete') edges.push([p, i]);
    for (const ref of referencesOf(info, s.desired)) {
      for (const t of ref.types) {
        for (const j of ref.by ? byField(t, ref.by, ref.value) : targets(t, ref.value))
          if (steps[j]!.action !== 'delete') edges.push([j, i]);
      }
    }
  });
  // A deletion waits for every step whose live body still points at the object.
  steps.forEach((s, i) => {
    if (s.action === 'skip' || s.live === undefined) return;
    for (const ref of referencesOf(types.get(s.type)!, s.live)) {
      for (const t of ref.types)
        for (const j of ref.by ? [] : targets(t, ref.value)) if (steps[j]!.action === 'delete') edges.push([i, j]);
    }
  });
  edges.push(...priorityEdges(steps, types));

  const { order, cycles } = topoOrder(steps.length, edges);
  const seqOf = new Map(order.map((node, k) => [node, k + 1]));
  const deps = new Map<number, Set<number>>();
  for (const [a, b] of edges) if (a !== b) (deps.get(b) ?? deps.set(b, new Set()).get(b)!).add(seqOf.get(a)!);
  for (const cycle of cycles) {
    for (const n of cycle) {
      const others = cycle.filter((m) => m !== n).map((m) => ({ type: steps[m]!.type, id: steps[m]!.id }));
      steps[n]!.caveats.push({
        kind: 'cycle',
        with: others,
        message: `References go round in a circle (${[n, ...cycle.filter((m) => m !== n)].map((m) => steps[m]!.label).join(' → ')}): restored in the order shown, check it`,
      });
    }
  }
  return order.map((node, k) => ({
    ...steps[node]!,
    seq: k + 1,
    after: [...(deps.get(node) ?? [])].sort((x, y) => x - y),
  }));
}

/** Rules of one parent restored in priority order, 1 first, as Okta renumbers around each insert. */
function priorityEdges(steps: readonly PlannedStep[], types: TypeIndex): [number, number][] {
  const groups = new Map<string, { i: number; priority: number }[]>();
  steps.forEach((s, i) => {
    const priority = valueAt(s.desired, 'priority');
    const parent = parentOf(types.get(s.type)!, s.id);
    if (s.action === 'delete' || s.action === 'skip' || typeof priority !== 'number' || !parent) return;
    push(groups, `${s.type}\u0000${parent.id}`, { i, priority });
  });
  const edges: [number, number][] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => a.priority - b.priority);
    for (let k = 1; k < list.length; k++) edges.push([list[k - 1]!.i, list[k]!.i]);
  }
  return edges;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
