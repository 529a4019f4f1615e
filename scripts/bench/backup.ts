/**
 * `pnpm bench:backup [--provider okta|entra] …`: a full backup against a simulator, measured.
 * Okta (the default): backup-okta.ts; Microsoft Entra ID: backup-entra.ts. Each documents its options.
 */
import { parseArgs } from 'node:util';

const { provider = 'okta' } = parseArgs({ options: { provider: { type: 'string' } }, strict: false }).values;
if (provider === 'okta') await import('./backup-okta.ts');
else if (provider === 'entra') await import('./backup-entra.ts');
else throw new Error(`--provider is okta or entra, not ${String(provider)}`);
