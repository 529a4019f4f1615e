import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../output.ts';
import { deleteConfirmationName } from './connection-confirm.ts';

function terminal(typed: string) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stderr = new PassThrough();
  let said = '';
  stderr.on('data', (c: Buffer) => {
    said += c.toString();
  });
  setImmediate(() => stdin.write(`${typed}\n`));
  return { io: { stdin, stderr }, said: () => said };
}

const conn = { name: 'okta-prod', snapshots: 12, keepSnapshots: true };

describe('connection delete confirmation', () => {
  it('says what deleting does, then asks for the name on a terminal and returns what was typed', async () => {
    const t = terminal('okta-prd');
    expect(await deleteConfirmationName(conn, {}, t.io)).toBe('okta-prd');
    expect(t.said()).toContain('its 12 snapshot(s) are kept read-only');
    expect(t.said()).toContain("Type the connection's name (okta-prod) to delete it: ");
    const gone = terminal('okta-prod');
    await deleteConfirmationName({ ...conn, keepSnapshots: false }, {}, gone.io);
    expect(gone.said()).toContain('its 12 snapshot(s), scans and restore plans are deleted too');
  });

  it('refuses without a terminal unless --yes, which confirms with the name', async () => {
    const piped = { stdin: Object.assign(new PassThrough(), { isTTY: false }), stderr: new PassThrough() };
    await expect(deleteConfirmationName(conn, {}, piped)).rejects.toThrow(UsageError);
    expect(await deleteConfirmationName(conn, { yes: true }, piped)).toBe('okta-prod');
  });
});
