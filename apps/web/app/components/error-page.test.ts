import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RequestIdProvider } from '~/request-id.ts';
import { ErrorReference } from './error-page.tsx';

const render = (status: number, requestId: string) =>
  renderToString(createElement(RequestIdProvider, { value: requestId }, createElement(ErrorReference, { status })));

describe('ErrorReference', () => {
  it('gives the request id on a server error, for support to find in the logs', () => {
    const html = render(500, 'req-7f3a');
    expect(html).toContain('data-request-id="req-7f3a"');
    expect(html).toContain('give them this reference');
  });

  it('says nothing on a 4xx, or when the id is unknown', () => {
    expect(render(404, 'req-7f3a')).toBe('');
    expect(render(500, '')).toBe('');
  });
});
