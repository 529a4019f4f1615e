import { OktaError } from '../../okta/errors.ts';

export interface TFault {
  /** Path below the org (`/api/v1/users`), matched without the query; a trailing `*` matches a prefix. */
  path: string;
  /** 5xx (or any error status) to answer with. */
  status: number;
  /** How many matching requests fail before the path answers normally again. */
  count: number;
}

const SUMMARIES: Record<number, [string, string]> = {
  500: ['E0000009', 'Internal Server Error'],
  502: ['E0000009', 'Internal Server Error'],
  503: ['E0000010', 'Service is in read only mode'],
  504: ['E0000009', 'Internal Server Error'],
};

/**
 * Injected failures, so a client's retries can be tested against the real simulator: the next
 * `count` requests to a path fail with `status` (after rate-limit admission, as a failing Okta
 * server still counts the call). Each fault is used up in arrival order.
 */
export class Faults {
  private pending: TFault[] = [];

  add(fault: TFault): void {
    this.pending.push({ ...fault });
  }

  /** The error to answer this request with, consuming one use of the first matching fault. */
  take(below: string): OktaError | undefined {
    const fault = this.pending.find((f) =>
      f.path.endsWith('*') ? below.startsWith(f.path.slice(0, -1)) : below === f.path,
    );
    if (!fault) return undefined;
    if (--fault.count <= 0) this.pending = this.pending.filter((f) => f !== fault);
    const [code, summary] = SUMMARIES[fault.status] ?? ['E0000009', 'Internal Server Error'];
    return new OktaError(fault.status, code, summary);
  }

  clear(): void {
    this.pending = [];
  }
}
