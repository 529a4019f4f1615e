import { randomBytes } from 'node:crypto';

const MAX_TOKENS = 50_000;

/**
 * Skip tokens are opaque on purpose: a random string that only this map can turn back into an
 * offset, so a client that parses `$skiptoken` instead of following `@odata.nextLink` breaks here
 * as it would against Graph [EE].
 */
export class SkipTokens {
  private readonly tokens = new Map<string, { store: string; offset: number }>();

  issue(store: string, offset: number): string {
    if (this.tokens.size >= MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value!);
    const token = `RFNwdAIAAQAAAB${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { store, offset });
    return token;
  }

  /** The offset a token stands for, or undefined when it is unknown or belongs to another list. */
  offset(token: string, store: string): number | undefined {
    const t = this.tokens.get(token);
    return t && t.store === store ? t.offset : undefined;
  }
}
