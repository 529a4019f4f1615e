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
import { Form } from '@remix-run/react';
import { TextField } from '../form-field.tsx';

type Domain = { domain: string; verifiedAt: string | null; txtRecord: string };

/** Sign-in domains: each proves itself with a DNS TXT record before anyone can sign in with it. */
export function DomainsCard({ domains }: { domains: Domain[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Domains</CardTitle>
        <CardDescription>
          People whose email is on a verified domain sign in with this identity provider; their first sign-in makes them
          read_only. To verify a domain, publish its TXT record at the domain itself.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {domains.length > 0 ? (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Domain</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>TXT record</TableHead>
                <TableHead>Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {domains.map((d) => (
                <TableRow key={d.domain}>
                  <TableCell className="font-medium">{d.domain}</TableCell>
                  <TableCell>
                    {d.verifiedAt ? (
                      <Badge variant="success">Verified</Badge>
                    ) : (
                      <Badge variant="warning">Not verified</Badge>
                    )}
                  </TableCell>
                  <TableCell>
                    <code className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
                      {d.txtRecord}
                    </code>
                  </TableCell>
                  <TableCell>
                    <Form method="post" className="flex gap-2">
                      <input type="hidden" name="domain" value={d.domain} />
                      {!d.verifiedAt && (
                        <Button type="submit" name="intent" value="verifyDomain" size="sm">
                          Verify<span className="sr-only"> {d.domain}</span>
                        </Button>
                      )}
                      <Button type="submit" name="intent" value="removeDomain" size="sm" variant="outline">
                        Remove<span className="sr-only"> {d.domain}</span>
                      </Button>
                    </Form>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <p className="text-sm text-slate-700">No domains yet.</p>
        )}
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <TextField label="Add a domain" name="domain" required placeholder="example.com" className="min-w-64" />
          <Button type="submit" name="intent" value="addDomain">
            Add domain
          </Button>
        </Form>
      </CardContent>
    </Card>
  );
}
