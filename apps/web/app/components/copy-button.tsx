import { Button } from '@butterfly/ui';
import { useState } from 'react';

/**
 * Copies a value shown once (a new token, an authorization code) and says so in a live region, so a
 * screen-reader user hears that it worked. Without JavaScript the value stays selectable beside it.
 */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="outline"
        size="sm"
        onClick={() =>
          navigator.clipboard.writeText(value).then(
            () => setCopied('done'),
            () => setCopied('failed'),
          )
        }
      >
        {label}
      </Button>
      <span role="status" className="text-sm text-slate-700">
        {copied === 'done' ? 'Copied.' : copied === 'failed' ? 'Copy failed: select the text and copy it.' : ''}
      </span>
    </span>
  );
}
