import type { RestorePlanDetail } from '@butterfly/domain/restores';

const short = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? '(none)' : s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

/** A plan as lines a person reads in a terminal: the header, then each step with its changes and caveats. */
export function planLines(p: RestorePlanDetail, o: { brief: boolean }): string[] {
  const s = p.summary;
  const by =
    'byAction' in s
      ? Object.entries(s.byAction)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')
      : '';
  const approval = p.needsApproval
    ? p.approvedBy
      ? `approved by ${p.approvedBy}`
      : `needs a second member's approval (code ${p.shortCode})`
    : 'no approval needed';
  const lines = [
    `plan ${p.shortCode} (${p.id}): ${p.status}${p.error ? ` (${p.error})` : ''}`,
    `  snapshot ${p.snapshotId}; ${'steps' in s ? s.steps : 0} step(s)${by ? ` (${by})` : ''}; blast radius ${'blastRadius' in s ? s.blastRadius : 0} user(s); ${approval}`,
    ...('comparedBy' in s && s.comparedBy ? [`  ${s.comparedBy.message}`] : []),
    ...p.caveats.flatMap((c) => [
      `  ! ${c.message}`,
      ...(c.kind === 'not_compared' && !o.brief && c.names.length
        ? [`      ${c.names.join(', ')}${c.count > c.names.length ? ` … and ${c.count - c.names.length} more` : ''}`]
        : []),
    ]),
    ...('lockout' in s && s.lockout
      ? [`  ! apply needs --acknowledge-lockout-risk: ${s.lockout.steps} step(s) change how admins sign in`]
      : []),
  ];
  for (const step of p.steps) {
    const after = step.after.length ? ` (after ${step.after.join(', ')})` : '';
    // The way it takes, when it says more than the action (a deactivated object reactivated in place).
    const how = step.how && step.how !== step.action ? ` (${step.how})` : '';
    lines.push(`  ${step.seq}. ${step.action}${how} ${step.type} "${step.label}" [${step.status}]${after}`);
    if (o.brief) continue;
    for (const c of step.changes.slice(0, 20)) lines.push(`       ${c.path}: ${short(c.before)} → ${short(c.after)}`);
    if (step.changes.length > 20)
      lines.push(`       … ${step.changes.length - 20} more change(s) (--json has them all)`);
    for (const c of step.caveats) lines.push(`       ! ${c.message}`);
    if (step.newId) lines.push(`       new id: ${step.newId}`);
  }
  if (!o.brief && p.idMap.length)
    lines.push('  id map:', ...p.idMap.map((m) => `    ${m.type} ${m.oldId} → ${m.newId ?? '(at apply)'}`));
  return lines;
}
