import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@butterfly/ui';
import { type MetaFunction, data } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { objectHref } from '~/components/backups/object-link.ts';
import { ActionNotices } from '~/components/action-notices.tsx';
import { ComplianceNav } from '~/components/compliance/compliance-nav.tsx';
import { ExceptionNotes } from '~/components/compliance/exception-notes.tsx';
import { RequestExceptionForm } from '~/components/compliance/request-exception-form.tsx';
import { formText } from '~/utils/form-text.ts';
import { ResultBadge, SeverityBadge, frameworkList, showValue } from '~/components/compliance/result-badge.tsx';
import { Breadcrumbs } from '~/components/breadcrumbs.tsx';
import { Time } from '~/components/time.tsx';
import { objectTypeLabel } from '~/utils/labels.ts';
import { type RouteCaller, authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction<typeof loader> = ({ params }) => [
  { title: `${params.ruleId ?? 'Rule'} · Compliance · Butterfly` },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const loader = authedLoader(async ({ request, params, caller }) => {
  const connection = new URL(request.url).searchParams.get('connection') ?? '';
  const [detail, me] = await Promise.all([
    caller.compliance.rule({
      ruleId: params.ruleId ?? '',
      ...(UUID.test(connection) ? { connectionId: connection } : {}),
    }),
    caller.me.get(),
  ]);
  const names = Object.fromEntries(detail.latest.map((l) => [l.connectionId, l.connectionName]));
  return {
    ruleId: params.ruleId ?? '',
    rule: detail.rule,
    latest: detail.latest,
    objectNames: await evidenceNames(caller, detail.latest),
    history: detail.history.map((h) => ({ ...h, connectionName: names[h.connectionId] ?? '' })),
    canRequest: !!detail.rule && me.permissions.includes('compliance.run'),
    defaultExpiry: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  };
});

/** "Request exception" (decision 038): asks for this rule's failure on one connection to be accepted. */
export const action = authedAction(
  async ({ params, caller, form, intent }) => {
    if (intent !== 'request-exception') return data({ intent, error: 'Unknown action.' }, { status: 400 });
    const connectionId = formText(form, 'connectionId');
    const [objectType, ...rest] = formText(form, 'scope').split(' ');
    const expiresOn = formText(form, 'expiresOn');
    await caller.exceptions.request({
      connectionId,
      ruleId: params.ruleId ?? '',
      rationale: formText(form, 'rationale'),
      expiresAt: /^\d{4}-\d{2}-\d{2}$/.test(expiresOn) ? `${expiresOn}T23:59:59.000Z` : expiresOn,
      ...(objectType && rest.length ? { objectType, objectId: rest.join(' ') } : {}),
    });
    return {
      intent,
      connectionId,
      ok: 'Exception requested. A second member approves or rejects it on the Exceptions page; until then the finding counts as before.',
    };
  },
  { echo: ['connectionId'] },
);

/** Readiness evidence names Butterfly's own records: a connection (by id, shown by name) or these. */
const READINESS: Record<string, string> = { restore_preview: 'Restore previews' };
const EVIDENCE_NAMES = 40;
const evidenceKey = (snapshotId: string, type: string, id: string) => `${snapshotId}|${type}|${id}`;

/** The names of the objects the evidence points at (the first few), so the page shows names, not ids. */
async function evidenceNames(
  caller: RouteCaller,
  latest: { snapshotId: string; evidence: { type: string; id: string }[] }[],
): Promise<Record<string, string>> {
  const wanted = new Map<string, { snapshotId: string; type: string; id: string }>();
  for (const l of latest)
    for (const e of l.evidence)
      if (e.type !== 'readiness' && e.id !== '*')
        wanted.set(evidenceKey(l.snapshotId, e.type, e.id), { snapshotId: l.snapshotId, type: e.type, id: e.id });
  const found = await Promise.allSettled(
    [...wanted.values()]
      .slice(0, EVIDENCE_NAMES)
      .map(async (w) => [evidenceKey(w.snapshotId, w.type, w.id), (await caller.snapshots.object(w)).label] as const),
  );
  return Object.fromEntries(found.flatMap((f) => (f.status === 'fulfilled' && f.value[1] ? [f.value] : [])));
}

/**
 * The objects a result names, once each (not readiness data or whole-type counts): what an exception
 * can be scoped to. The ones the result fails on come first (decision 041), with the name the scan recorded.
 */
function uniqueObjects(evidence: { type: string; id: string; name?: string; failed?: boolean }[]) {
  const seen = new Map<string, { type: string; id: string; name?: string; failed: boolean }>();
  for (const e of evidence) {
    if (e.type === 'readiness' || e.id === '*') continue;
    const o = seen.get(`${e.type} ${e.id}`) ?? { type: e.type, id: e.id, failed: false };
    seen.set(`${e.type} ${e.id}`, { ...o, name: o.name ?? e.name, failed: o.failed || e.failed === true });
  }
  return [...seen.values()].sort((a, b) => Number(b.failed) - Number(a.failed));
}

/** One rule: what it checks and reads, its latest result per connection with the evidence, and its history. */
export default function ComplianceRule() {
  const { ruleId, rule, latest, objectNames, history, canRequest, defaultExpiry } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && 'fields' in result ? (result.fields as Record<string, string> | undefined) : undefined;
  const title = rule?.title ?? latest[0]?.title ?? '';
  const severity = rule?.severity ?? latest[0]?.severity;
  const frameworks = rule?.frameworks ?? latest[0]?.frameworks;
  const connectionNames: Record<string, string> = Object.fromEntries(
    latest.map((l) => [l.connectionId, `Connection ${l.connectionName}`]),
  );
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumbs trail={[{ to: '/compliance/findings', label: 'Back to findings' }]} />
      <h1 className="text-3xl font-semibold tracking-tight">
        {ruleId}: {title}
      </h1>
      <ComplianceNav />
      <ActionNotices result={result} />
      <Card>
        <CardHeader>
          <CardTitle>What it checks</CardTitle>
          {rule && <CardDescription>{rule.check}</CardDescription>}
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="font-medium text-slate-700">Severity</dt>
            <dd>{severity ? <SeverityBadge severity={severity} /> : '—'}</dd>
            <dt className="font-medium text-slate-700">Frameworks</dt>
            <dd>
              {frameworks ? (
                <ul>
                  {frameworkList(frameworks).map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              ) : (
                '—'
              )}
            </dd>
            <dt className="font-medium text-slate-700">Reads</dt>
            <dd>
              {rule ? (
                <ul>
                  {rule.reads.map((r) => (
                    <li key={r.type}>
                      {objectTypeLabel(r.type)}: {r.fields.join(', ')}
                      {r.optional ? ' (optional)' : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                'This rule is no longer in the rule set; its stored results remain.'
              )}
            </dd>
            {rule?.requirement && (
              <>
                <dt className="font-medium text-slate-700">Requirement</dt>
                <dd>{rule.requirement}</dd>
              </>
            )}
            {rule?.remediation && (
              <>
                <dt className="font-medium text-slate-700">Remediation</dt>
                <dd>{rule.remediation}</dd>
              </>
            )}
          </dl>
        </CardContent>
      </Card>
      {rule?.stig && (
        <Card>
          <CardHeader>
            <CardTitle>DISA STIG text</CardTitle>
            <CardDescription>
              Okta IDaaS STIG V1R2 · {rule.stig.vulnId} · {rule.stig.ruleId ?? 'SV rule id not known'} ·{' '}
              {rule.stig.groupTitle}
              {rule.stig.textSource === 'summary'
                ? ' · summarized by Butterfly, not DISA’s wording'
                : ' · DISA’s wording'}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="font-medium text-slate-700">Requirement</dt>
              <dd>{rule.stig.title}</dd>
              <dt className="font-medium text-slate-700">Discussion</dt>
              <dd>
                <details>
                  <summary className="cursor-pointer text-indigo-700 underline">Show the discussion</summary>
                  <p className="mt-2">{rule.stig.discussion}</p>
                </details>
              </dd>
              <dt className="font-medium text-slate-700">Check</dt>
              <dd>{rule.stig.checkText}</dd>
              <dt className="font-medium text-slate-700">Fix</dt>
              <dd>{rule.stig.fixText}</dd>
            </dl>
          </CardContent>
        </Card>
      )}
      <section aria-labelledby="latest-heading" className="flex flex-col gap-4">
        <h2 id="latest-heading" className="text-xl font-semibold">
          Latest result
        </h2>
        {latest.length === 0 && <p className="text-sm text-slate-700">No scan has evaluated this rule yet.</p>}
        {latest.map((l) => (
          <Card key={l.scanId}>
            <CardHeader>
              <CardTitle asLevel="h3" className="flex flex-wrap items-center gap-2">
                <ResultBadge result={l.result} /> {l.connectionName}
              </CardTitle>
              <CardDescription>{l.reason}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              <ExceptionNotes exceptions={l.exceptions} accepted={l.accepted} />
              {uniqueObjects(l.evidence).some((o) => o.failed) && (
                <p className="text-sm">
                  <span className="font-medium">Fails on: </span>
                  {uniqueObjects(l.evidence)
                    .filter((o) => o.failed)
                    .map(
                      (o) =>
                        `${objectTypeLabel(o.type)} “${objectNames[evidenceKey(l.snapshotId, o.type, o.id)] ?? o.name ?? o.id}”`,
                    )
                    .join(', ')}
                </p>
              )}
              {l.evidence.length ? (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Object</TableHead>
                      <TableHead>Path</TableHead>
                      <TableHead>Value</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {l.evidence.map((e, i) => (
                      <TableRow key={`${e.type}-${e.id}-${e.path}-${i}`} className="align-top">
                        <TableCell>
                          {e.type === 'readiness' || e.id === '*' ? (
                            <span>
                              {e.type === 'readiness'
                                ? (connectionNames[e.id] ?? READINESS[e.id] ?? 'Butterfly')
                                : `Every ${objectTypeLabel(e.type).toLowerCase()}`}
                            </span>
                          ) : (
                            <Link
                              to={objectHref(l.connectionId, l.snapshotId, e.type, e.id)}
                              className="text-indigo-700 underline"
                            >
                              {objectTypeLabel(e.type)}:{' '}
                              {objectNames[evidenceKey(l.snapshotId, e.type, e.id)] ?? e.name ?? (
                                <code className="text-xs">{e.id}</code>
                              )}
                            </Link>
                          )}
                          {e.failed && <span className="ml-2 text-xs font-medium text-red-800">(fails)</span>}
                        </TableCell>
                        <TableCell>
                          <code>{e.path}</code>
                        </TableCell>
                        <TableCell className="break-all">
                          <code>{showValue(e.value)}</code>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              ) : (
                <p className="text-sm text-slate-700">No evidence values recorded.</p>
              )}
              {canRequest && l.result === 'FAIL' && (
                <RequestExceptionForm
                  connectionId={l.connectionId}
                  connectionName={l.connectionName}
                  objects={uniqueObjects(l.evidence).map((o) => ({
                    type: o.type,
                    id: o.id,
                    name: objectNames[evidenceKey(l.snapshotId, o.type, o.id)] ?? o.name,
                  }))}
                  defaultExpiry={defaultExpiry}
                  errors={
                    result && 'connectionId' in result && result.connectionId === l.connectionId
                      ? fieldErrors
                      : undefined
                  }
                />
              )}
            </CardContent>
          </Card>
        ))}
      </section>
      <Card>
        <CardHeader>
          <CardTitle>History</CardTitle>
          <CardDescription>This rule's result in each scan, newest snapshot first.</CardDescription>
        </CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Snapshot</TableHead>
                <TableHead>Connection</TableHead>
                <TableHead>Result</TableHead>
                <TableHead>Reason</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {history.map((h) => (
                <TableRow key={h.scanId} className="align-top">
                  <TableCell>
                    <Time iso={h.snapshotTakenAt} />
                  </TableCell>
                  <TableCell>{h.connectionName}</TableCell>
                  <TableCell>
                    <ResultBadge result={h.result} />
                  </TableCell>
                  <TableCell className="text-sm">{h.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
