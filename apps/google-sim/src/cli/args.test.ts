import { describe, expect, it } from 'vitest';
import { CliError, parseCliArgs } from './args.ts';

describe('google-sim command line', () => {
  it('takes the env port by default and the flags as given (a leading -- is ignored)', () => {
    expect(parseCliArgs([], 4200)).toEqual({
      port: 4200,
      host: '127.0.0.1',
      demo: true,
      redirectUris: [],
      stateFile: undefined,
    });
    expect(
      parseCliArgs(
        [
          '--',
          '--port',
          '0',
          '--no-demo',
          '--redirect-uri',
          'http://a.test/cb',
          '--redirect-uri',
          'http://b.test/cb',
          '--state',
          '/tmp/s.json',
        ],
        4200,
      ),
    ).toEqual({
      port: 0,
      host: '127.0.0.1',
      demo: false,
      redirectUris: ['http://a.test/cb', 'http://b.test/cb'],
      stateFile: '/tmp/s.json',
    });
  });

  it('refuses unknown flags and bad values with a readable error', () => {
    expect(() => parseCliArgs(['--seed', '1'], 4200)).toThrow(CliError);
    expect(() => parseCliArgs(['--port', '70000'], 4200)).toThrow(/port/);
    expect(() => parseCliArgs(['--redirect-uri', 'not a url'], 4200)).toThrow(CliError);
    expect(parseCliArgs(['--help'], 4200)).toEqual({ help: true });
  });
});
