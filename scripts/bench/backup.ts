/**
 * `pnpm bench:backup [--provider okta|entra|google] …`: a full backup against a simulator, measured.
 * Okta (the default): backup-okta.ts; Microsoft Entra ID: backup-entra.ts; Google Workspace: backup-google.ts. Each documents its options.
 */
import { parseArgs } from 'node:util';

const { provider = 'okta' } = parseArgs({ options: { provider: { type: 'string' } }, strict: false }).values;
if (provider === 'okta') await import('./backup-okta.ts');
else if (provider === 'entra') await import('./backup-entra.ts');
else if (provider === 'google') await import('./backup-google.ts');
else throw new Error(`--provider is okta, entra or google, not ${String(provider)}`);
