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

export interface EntraCredentialOptions {
  clientSecretStdin?: boolean;
  certificateFile?: string;
}

/** An Entra app's credential (decision 057): its client secret on stdin, or a PEM file with its certificate and key. */
export async function entraCredentialsFrom(opts: EntraCredentialOptions) {
  if (!!opts.clientSecretStdin === (opts.certificateFile !== undefined))
    throw new UsageError('give either --client-secret-stdin or --certificate-file with --entra');
  if (opts.clientSecretStdin)
    return { kind: 'client_secret' as const, clientSecret: await readSecretFromStdin('client secret') };
  try {
    return { kind: 'certificate' as const, certificatePem: readFileSync(opts.certificateFile!, 'utf8') };
  } catch (e) {
    throw new UsageError(`cannot read ${opts.certificateFile}: ${(e as Error).message}`);
  }
}

export interface GoogleOptions {
  adminEmail?: string;
  serviceAccountKeyFile?: string;
  tokenUrl?: string;
  apiUrl?: string;
}

/** A Google service account's JSON key (decision 062), from its file: checked by the domain, never printed. */
export function serviceAccountKeyFrom(opts: GoogleOptions): string {
  if (!opts.serviceAccountKeyFile) throw new UsageError('--google needs --service-account-key-file <json>');
  try {
    return readFileSync(opts.serviceAccountKeyFile, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${opts.serviceAccountKeyFile}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
