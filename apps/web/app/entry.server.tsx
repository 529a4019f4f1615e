import { PassThrough } from 'node:stream';
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { NonceProvider } from './nonce.ts';
import { RequestIdProvider } from './request-id.ts';
import { isBodyTooLarge } from '../server/body-limit.ts';
import { redactUrl } from '../server/log-redaction.ts';

/** How long deferred data may stream before the render is aborted (single fetch reads this export). */
export const streamTimeout = 5_000;

/**
 * Streams the document. Bots (and SPA mode) get the complete HTML at once; browsers get the shell
 * first. Every inline script carries this response's CSP nonce from the load context.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get('user-agent')) || remixContext.isSpaMode;

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
      resolve(
        new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestIdProvider value={loadContext.requestId}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </RequestIdProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady: waitForAll ? undefined : ready,
        onAllReady: waitForAll ? ready : undefined,
        onShellError: reject,
        onError(error) {
          responseStatusCode = 500;
          // Errors before the shell reject above and are logged by Remix's handleError.
          if (shellRendered) loadContext.log.error({ err: error }, 'error while streaming a document');
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}

/** Unexpected errors of loaders, actions and rendering, logged with the request's id. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted || isBodyTooLarge(error)) return;
  context.log.error({ err: error, path: redactUrl(new URL(request.url).pathname) }, 'unhandled route error');
};
