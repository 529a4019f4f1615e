/**
 * An answer the simulator gives instead of a result: `status` and Google's body for that API
 * (Directory's `{error:{code,message,errors:[{domain,reason}]}}`, Cloud Identity's
 * `{error:{code,message,status}}`, OAuth's `{error,error_description}`). Handlers throw it.
 */
export class GoogleError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(JSON.stringify(body));
  }
}

/** Directory, Groups Settings and Reports (the "global" error domain of the Admin SDK). */
export function adminError(code: number, reason: string, message: string, headers?: Record<string, string>) {
  return new GoogleError(
    code,
    {
      error: {
        code,
        message,
        errors: [{ message, domain: code === 403 && /Rate|quota/i.test(reason) ? 'usageLimits' : 'global', reason }],
      },
    },
    headers,
  );
}

/** Cloud Identity (the google.rpc.Status shape). */
export function rpcError(code: number, status: string, message: string) {
  return new GoogleError(code, { error: { code, message, status } });
}

/** The token endpoint. */
export function oauthError(status: number, error: string, description: string) {
  return new GoogleError(status, { error, error_description: description });
}

/** The control API: `{error, message}` like the other simulators' `/_sim`. */
export function controlError(status: number, error: string, message: string) {
  return new GoogleError(status, { error, message });
}
