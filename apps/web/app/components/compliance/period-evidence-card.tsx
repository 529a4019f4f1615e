import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { FilterSelect } from '~/components/compliance/filter-select.tsx';
import { TextField } from '~/components/form-field.tsx';

type Props = {
  connections: readonly (readonly [id: string, name: string])[];
  /** Default window (YYYY-MM-DD, UTC), from the loader so server and browser agree. */
  from: string;
  to: string;
};

/**
 * The download of an audit period's signed evidence: a plain GET form, so the browser saves the .tar
 * the route answers with and the page stays where it is.
 */
export function PeriodEvidenceCard({ connections, from, to }: Props) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Period evidence</CardTitle>
        <CardDescription>
          For a SOC 2 Type II or ISO 27001 audit period: every scan of one connection in the window, each change to what
          the rules read with who made it, regressions and when they were fixed, and the exceptions in force. Signed by
          the key above; verify it like any bundle.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          method="get"
          action="/evidence/period"
          className="flex flex-wrap items-end gap-4"
          aria-label="Period evidence"
        >
          <FilterSelect label="Connection" name="connection" value={connections[0]?.[0] ?? ''} options={connections} />
          <TextField label="From (UTC)" name="from" type="date" defaultValue={from} required />
          <TextField label="To (UTC, included)" name="to" type="date" defaultValue={to} required />
          <Button type="submit" size="sm">
            Download period evidence
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
