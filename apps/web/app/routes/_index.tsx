import { Badge, Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { api } from '~/api.server.ts';
import { getSessionPrincipal } from '~/auth/session.server.ts';
import { SetupChecklist, StatusSummary } from '~/components/home/setup-checklist.tsx';
import { RecoveryNotice } from '~/components/recovery-notice.tsx';
import { apiRouteError } from '~/utils/api-error.server.ts';

export const meta: MetaFunction = () => [
  { title: 'Butterfly' },
  {
    name: 'description',
    content: "Backups, restore previews and compliance evidence for your identity provider's configuration.",
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = await getSessionPrincipal(request, context);
  if (!principal) return { home: null };
  try {
    const caller = await api(request, context);
    const [me, setup] = await Promise.all([caller.me.get(), caller.setup.status()]);
    // Break-glass sign-ins concern super_admins (tenant.manage), and only they see them.
    const recoveries = me.permissions.includes('tenant.manage') ? await caller.recovery.recent() : [];
    return {
      home: {
        name: me.member.displayName ?? [me.member.givenName, me.member.familyName].filter(Boolean).join(' '),
        email: me.member.email,
        role: me.member.role,
        roleSource: me.member.roleSource,
        tenant: me.tenant,
        authMethod: principal.authMethod,
        recoveries,
        setup,
        permissions: me.permissions,
      },
    };
  } catch (e) {
    throw apiRouteError(e);
  }
}

export default function Index() {
  const { home } = useLoaderData<typeof loader>();
  return home ? <SignedInHome home={home} /> : <Welcome />;
}

type Home = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['home']>;

function SignedInHome({ home }: { home: Home }) {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">{home.tenant.name}</h1>
      {home.recoveries.length > 0 && <RecoveryNotice recoveries={home.recoveries} />}
      <StatusSummary status={home.setup} />
      <SetupChecklist status={home.setup} permissions={home.permissions} />
      <Card>
        <CardHeader>
          <CardTitle>You are signed in</CardTitle>
          <CardDescription>What Butterfly knows about you in this organisation.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-600">Name</dt>
            <dd>{home.name || '—'}</dd>
            <dt className="font-medium text-slate-600">Email</dt>
            <dd>{home.email}</dd>
            <dt className="font-medium text-slate-600">Organisation</dt>
            <dd>
              {home.tenant.name} <span className="text-slate-600">({home.tenant.slug})</span>
            </dd>
            <dt className="font-medium text-slate-600">Role</dt>
            <dd className="flex items-center gap-2">
              <Badge variant="info">{home.role}</Badge>
              <span className="text-slate-600">{roleSourceText[home.roleSource]}</span>
            </dd>
            <dt className="font-medium text-slate-600">Signed in with</dt>
            <dd>
              {home.authMethod === 'recovery' ? 'a break-glass recovery link' : "your organisation's single sign-on"}
            </dd>
          </dl>
        </CardContent>
      </Card>
      <p className="text-sm text-slate-700">
        See where you are signed in on{' '}
        <Link to="/sessions" className="font-medium text-indigo-700 underline">
          My sessions
        </Link>
        .
      </p>
    </div>
  );
}

const roleSourceText = {
  jit: 'given at your first sign-in',
  manual: 'set by an administrator',
  scim: 'managed by your identity provider',
  directory: 'given by your Google groups (directory sync)',
} as const;

const features = [
  ['Backups', 'Snapshots of your Okta configuration, stored encrypted, on a schedule or on demand.'],
  ['Restore previews', 'See exactly what a restore would change before anything is touched.'],
  ['Compliance evidence', 'Scans of the configuration against rules, with reports an auditor accepts.'],
] as const;

function Welcome() {
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">Butterfly</h1>
        <p className="max-w-2xl text-slate-700">
          Butterfly backs up the configuration of your company's identity provider, shows what a restore would change,
          and produces compliance evidence.
        </p>
        <p className="text-slate-800">You are not signed in.</p>
        <div>
          <Button asChild size="lg">
            <Link to="/login">Sign in with your work email</Link>
          </Button>
        </div>
      </div>
      <section aria-labelledby="features-heading" className="flex flex-col gap-4">
        <h2 id="features-heading" className="text-xl font-semibold">
          What it does
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
