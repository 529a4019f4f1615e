import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

const req = (xff: string | undefined, socket = '10.0.0.5') =>
  ({
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
    socket: { remoteAddress: socket },
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it.each([
    [0, '203.0.113.9', '10.0.0.5'],
    [0, undefined, '10.0.0.5'],
    [1, '203.0.113.9', '203.0.113.9'],
    [1, '6.6.6.6, 203.0.113.9', '203.0.113.9'],
    [2, '6.6.6.6, 203.0.113.9, 10.0.0.9', '203.0.113.9'],
    [1, undefined, '10.0.0.5'],
    [3, '203.0.113.9', '203.0.113.9'],
  ] as const)('trusting %i proxies, X-Forwarded-For %s → %s', (trust, xff, expected) => {
    expect(clientAddress(req(xff), trust)).toBe(expected);
  });
});
