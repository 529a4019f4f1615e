import { describe, expect, it } from 'vitest';
import { requestIdFrom } from './request-id.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it('keeps a plain id from a proxy', () => {
    expect(requestIdFrom('req-7f3a.b:2')).toBe('req-7f3a.b:2');
  });

  it.each([undefined, '', 'a b', 'x\r\nSet-Cookie: a=b', '{"json":1}', 'a'.repeat(129)])(
    'replaces %j with a fresh uuid',
    (header) => {
      expect(requestIdFrom(header)).toMatch(UUID);
    },
  );
});
