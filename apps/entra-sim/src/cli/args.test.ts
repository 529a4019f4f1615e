import { describe, expect, it } from 'vitest';
import { CliError, parseCliArgs } from './args.ts';

describe('entra-sim command line', () => {
  it('takes the env port by default and the flags as given (a leading -- is ignored)', () => {
    expect(parseCliArgs([], 4100)).toEqual({
      port: 4100,
      host: '127.0.0.1',
      pageSize: 100,
      demo: true,
      signIn: { redirectUris: [], logoutUrl: undefined },
    });
    const o = parseCliArgs(
      [
        '--',
        '--port',
        '0',
        '--page-size',
        '5',
        '--no-demo',
        '--redirect-uri',
        'http://a.test/cb',
        '--redirect-uri',
        'http://b.test/cb',
        '--logout-url',
        'http://a.test/out',
      ],
      4100,
    );
    expect(o).toMatchObject({
      port: 0,
      pageSize: 5,
      demo: false,
      signIn: { redirectUris: ['http://a.test/cb', 'http://b.test/cb'], logoutUrl: 'http://a.test/out' },
    });
  });

  it('refuses unknown flags and bad values with a readable error', () => {
    expect(() => parseCliArgs(['--seed', '1'], 4100)).toThrow(CliError);
    expect(() => parseCliArgs(['--page-size', '1000'], 4100)).toThrow(/pageSize/);
    expect(() => parseCliArgs(['--redirect-uri', 'not a url'], 4100)).toThrow(CliError);
    expect(parseCliArgs(['--help'], 4100)).toEqual({ help: true });
  });
});
