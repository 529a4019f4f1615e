import { readFileSync } from 'node:fs';
import { readSecretFromStdin, UsageError } from '../output.ts';

export interface CredentialOptions {
  sswsStdin?: boolean;
  clientId?: string;
  privateKeyFile?: string;
  keyId?: string;
}

/** Credentials never come from argv (visible in `ps` and shell history): a token on stdin, a key from a file. */
export async function credentialsFrom(opts: CredentialOptions) {
  const oauth = opts.clientId !== undefined || opts.privateKeyFile !== undefined;
  if (opts.sswsStdin === oauth)
    throw new UsageError('give either --ssws-stdin, or --client-id with --private-key-file');
  if (opts.sswsStdin) return { kind: 'ssws' as const, token: await readSecretFromStdin('SSWS API token') };
  if (!opts.clientId || !opts.privateKeyFile) throw new UsageError('--client-id and --private-key-file go together');
  let privateKey: string;
  try {
    privateKey = readFileSync(opts.privateKeyFile, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${opts.privateKeyFile}: ${(e as Error).message}`);
  }
  return { kind: 'oauth' as const, clientId: opts.clientId, privateKey, keyId: opts.keyId };
}
