import {
  Badge,
  Button,
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
import { Time } from '~/components/time.tsx';
import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { filtersQuery, parseAuditFilters } from '~/audit/filters.ts';
import { TextField } from '~/components/form-field.tsx';
import { Notice } from '~/components/notice.tsx';
import { formatCount } from '~/utils/format.ts';
import { authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Audit log · Butterfly' }];

const PAGE_SIZE = 50;

/** GET /audit?actor=…&action=…&from=…&to=…&before=<seq>[&verify=1]: filters, paging and the chain check are all links and GET forms. */
export const loader = authedLoader(async ({ request, caller }) => {
  const params = new URL(request.url).searchParams;
  const filters = parseAuditFilters(params);
  const before = Number(params.get('before'));
  const beforeSeq = Number.isSafeInteger(before) && before > 0 ? before : undefined;
  const [page, verification] = await Promise.all([
    caller.audit.list({ ...filters.input, beforeSeq, limit: PAGE_SIZE }),
    params.get('verify') ? caller.audit.verify() : null,
  ]);
  return { filters: filters.values, errors: filters.errors, page, verification, paged: beforeSeq !== undefined };
});

export default function AuditLog() {
  const { filters, errors, page, verification, paged } = useLoaderData<typeof loader>();
  const query = filtersQuery(filters);
  const firstProblem = verification?.problems.toSorted((a, b) => a.seq - b.seq)[0];
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Audit log</h1>

      {verification &&
        (verification.ok ? (
          <Notice tone="success" role="status" title="The audit chain is intact">
            {formatCount(verification.checked)} entries checked; each is unchanged and chained to the one before it, up
            to entry #{verification.headSeq}.
          </Notice>
        ) : (
          <Notice tone="danger" role="alert" title="The audit chain is broken">
            First broken link: {firstProblem?.detail ?? 'unknown'}.
            {verification.problems.length > 1 && ` ${formatCount(verification.problems.length)} problems in all.`}
          </Notice>
        ))}

      <Card>
        <CardHeader>
          <CardTitle>Filter</CardTitle>
          <CardDescription>Times are in UTC; both dates are included.</CardDescription>
        </CardHeader>
        <CardContent>
          <Form method="get" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <TextField label="Actor" name="actor" defaultValue={filters.actor} hint="Part of a name, email or label." />
            <TextField
              label="Action"
              name="action"
              defaultValue={filters.action}
              hint="An action or its start, e.g. member."
            />
            <TextField label="From" name="from" type="date" defaultValue={filters.from} error={errors.from} />
            <TextField label="To" name="to" type="date" defaultValue={filters.to} error={errors.to} />
            <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-4">
              <Button type="submit">Apply filters</Button>
              <Button asChild variant="outline">
                <Link to="/audit">Clear</Link>
              </Button>
            </div>
          </Form>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Entries</CardTitle>
          <CardDescription>
            Newest first. Every entry is chained to the one before it with a keyed hash, so a change or removal shows.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="outline" size="sm">
              <a href={`/audit.csv${query}`} download>
                Export CSV
              </a>
            </Button>
            <Form method="get">
              {Object.entries(filters).map(
                ([name, value]) => value && <input key={name} type="hidden" name={name} value={value} />,
              )}
              <Button type="submit" name="verify" value="1" variant="outline" size="sm">
                Verify chain
              </Button>
            </Form>
          </div>
          {page.items.length === 0 ? (
            <p className="text-sm text-slate-700">No entries match these filters.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Time</TableHead>
                  <TableHead>Actor</TableHead>
                  <TableHead>Action</TableHead>
                  <TableHead>Target</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {page.items.map((e) => (
                  <TableRow key={e.seq}>
                    <TableCell className="whitespace-nowrap">
                      <Time iso={e.occurredAt} relative={false} />
                    </TableCell>
                    <TableCell>
                      <span className="font-medium text-slate-900">{e.actor.name ?? e.actor.label}</span>
                      {e.actor.name && <span className="block text-xs text-slate-600">{e.actor.label}</span>}
                      {e.actor.type !== 'member' && (
                        <span className="block text-xs text-slate-600">{e.actor.type}</span>
                      )}
                    </TableCell>
                    <TableCell>
                      <code className="text-xs">{e.action}</code>
                      {e.outcome !== 'success' && (
                        <Badge variant={e.outcome === 'denied' ? 'warning' : 'danger'} className="ml-2">
                          {e.outcome}
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell className="break-all text-xs text-slate-700">
                      {e.target ? `${e.target.type} ${e.target.id ?? ''}` : '—'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <nav aria-label="Pages" className="flex flex-wrap gap-2">
            {paged && (
              <Button asChild variant="outline" size="sm">
                <Link to={`/audit${query}`}>Newest entries</Link>
              </Button>
            )}
            {page.nextBeforeSeq && (
              <Button asChild variant="outline" size="sm">
                <Link to={`/audit${filtersQuery(filters, { before: String(page.nextBeforeSeq) })}`}>Older entries</Link>
              </Button>
            )}
          </nav>
        </CardContent>
      </Card>
    </div>
  );
}
