import { expect, test } from 'vitest';
import { CliError, parseCliArgs } from './args.ts';

test("defaults: the given default port, loopback, no seed, no clients, Okta's rate limits", () => {
  expect(parseCliArgs([], 4000)).toEqual({
    port: 4000,
    host: '127.0.0.1',
    seed: undefined,
    users: undefined,
    rateScale: 1,
    clients: [],
  });
});

test('the rate scale defaults to the one given (OKTA_SIM_RATE_SCALE); the flag wins', () => {
  expect(parseCliArgs([], 4000, 10).rateScale).toBe(10);
  expect(parseCliArgs(['--rate-scale', '0.5'], 4000, 10).rateScale).toBe(0.5);
});

test('flags, a leading -- from pnpm, and repeated --client', () => {
  const client = {
    org: 'acme',
    client_id: 'butterfly',
    client_secret: 's',
    redirect_uris: ['http://localhost:3000/cb'],
  };
  const args = [
    '--',
    '--port',
    '0',
    '--seed',
    '1',
    '--users',
    '5',
    '--client',
    JSON.stringify(client),
    '--client',
    JSON.stringify({ ...client, client_id: 'two' }),
  ];
  expect(parseCliArgs(args, 4000)).toMatchObject({
    port: 0,
    seed: '1',
    users: 5,
    clients: [client, { ...client, client_id: 'two' }],
  });
});

test('rate scale and latency', () => {
  expect(parseCliArgs(['--seed', '1', '--rate-scale', '0.5', '--latency', '20'], 4000)).toMatchObject({
    rateScale: 0.5,
    latencyMs: 20,
  });
  expect(() => parseCliArgs(['--rate-scale', '0'], 4000)).toThrow(CliError);
});

test('a state file', () => {
  expect(parseCliArgs(['--seed', '1', '--state', '/tmp/okta-sim/state.json'], 4000)).toMatchObject({
    stateFile: '/tmp/okta-sim/state.json',
  });
  expect(parseCliArgs([], 4000).stateFile).toBeUndefined();
  expect(() => parseCliArgs(['--state', ''], 4000)).toThrow(CliError);
});

test('refusals say what is wrong', () => {
  expect(() => parseCliArgs(['--users', '3'], 4000)).toThrow(/--users needs --seed/);
  expect(() => parseCliArgs(['--port', 'x'], 4000)).toThrow(CliError);
  expect(() => parseCliArgs(['--client', '{'], 4000)).toThrow(/not valid JSON/);
  expect(() => parseCliArgs(['--client', '{"org":"acme"}'], 4000)).toThrow(/redirect_uris/);
  expect(() => parseCliArgs(['--bogus'], 4000)).toThrow(CliError);
});
