import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { CopyButton } from '~/components/copy-button.tsx';
import { Time } from '~/components/time.tsx';

export interface EvidenceKeyView {
  algorithm: string;
  fingerprint: string;
  version: number;
  createdAt: string;
}

/** The tenant's evidence key fingerprint, which an auditor records once and verifies every bundle against. */
export function FingerprintCard({ k }: { k: EvidenceKeyView }) {
  return (
    <Card className="border-indigo-300">
      <CardHeader>
        <CardTitle>Evidence key fingerprint</CardTitle>
        <CardDescription>
          For auditors: record this fingerprint once, from this page, not from a bundle. Every evidence bundle is signed
          ({k.algorithm}) by this key; verify a bundle with <code>--fingerprint</code> set to it. A key shipped inside a
          bundle proves nothing by itself.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <code
            data-testid="evidence-fingerprint"
            className="rounded-md bg-slate-100 px-3 py-2 font-mono text-base break-all text-slate-900"
          >
            {k.fingerprint}
          </code>
          <CopyButton value={k.fingerprint} label="Copy fingerprint" />
        </div>
        <p className="text-sm text-slate-700">
          Key version {k.version}, created <Time iso={k.createdAt} />.
        </p>
      </CardContent>
    </Card>
  );
}
