import { afterEach, beforeEach, expect, vi } from 'vitest';

// A console.error during a test fails it: msw reports unhandled requests that way, and so would a
// stray rejection handler. Quiet passing tests only.
let spy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  spy = vi.spyOn(console, 'error');
});
afterEach(() => {
  const calls = spy.mock.calls;
  spy.mockRestore();
  expect(calls, 'console.error was called during the test').toEqual([]);
});
