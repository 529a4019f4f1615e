import { Badge, Card, CardContent, CardHeader, CardTitle } from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';

export const meta: MetaFunction = () => [
  { title: 'Butterfly' },
  { name: 'description', content: "Backups, restore previews and compliance evidence for your identity provider's configuration." },
];

const features = [
  ['Backups', 'Snapshots of your Okta configuration, stored encrypted, on a schedule or on demand.'],
  ['Restore previews', 'See exactly what a restore would change before anything is touched.'],
  ['Compliance evidence', 'Scans of the configuration against rules, with reports an auditor accepts.'],
] as const;

export default function Index() {
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-semibold tracking-tight">Butterfly</h1>
        <p className="max-w-2xl text-slate-700">
          Butterfly backs up the configuration of your company's identity provider, shows what a restore would
          change, and produces compliance evidence.
        </p>
      </div>

      <Card>
        <CardHeader>
          <div className="flex items-center gap-3">
            <CardTitle>Sign-in</CardTitle>
            <Badge variant="info">Coming soon</Badge>
          </div>
        </CardHeader>
        <CardContent>
          <p className="text-slate-800">Sign-in with your company's identity provider is coming; no one is signed in.</p>
        </CardContent>
      </Card>

      <section aria-labelledby="features-heading" className="flex flex-col gap-4">
        <h2 id="features-heading" className="text-xl font-semibold">
          What it will do
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {features.map(([title, text]) => (
            <li key={title}>
              <Card className="h-full">
                <CardHeader>
                  <CardTitle asLevel="h3" size="sm">
                    {title}
                  </CardTitle>
                </CardHeader>
                <CardContent>
                  <p className="text-sm text-slate-700">{text}</p>
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
