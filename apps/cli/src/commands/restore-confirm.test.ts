import { PassThrough } from 'node:stream';
import type { RestorePlanDetail } from '@butterfly/domain/restores';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../output.ts';
import { applySummaryLines, confirmationName } from './restore-confirm.ts';

const plan = {
  shortCode: 'K7QX-2M9D',
  connectionName: 'okta-prod',
  summary: { steps: 5, byAction: { update: 3, create: 2 }, blastRadius: 40 },
} as unknown as RestorePlanDetail;

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

describe('restore apply confirmation', () => {
  it('says what applying writes, then asks for the name on a terminal and returns what was typed', async () => {
    const t = terminal('okta-prod');
    expect(await confirmationName(plan, {}, t.io)).toBe('okta-prod');
    expect(t.said()).toContain(
      'plan K7QX-2M9D writes to okta-prod: 5 step(s) (3 update, 2 create), blast radius about 40 user(s)',
    );
    expect(t.said()).toContain("Type the connection's name (okta-prod) to apply: ");
  });

  it('returns a mistyped name as typed: the server refuses it', async () => {
    expect(await confirmationName(plan, {}, terminal('okta-prd').io)).toBe('okta-prd');
  });

  it('refuses without a terminal unless --yes, which confirms with the name', async () => {
    const piped = { stdin: Object.assign(new PassThrough(), { isTTY: false }), stderr: new PassThrough() };
    await expect(confirmationName(plan, {}, piped)).rejects.toThrow(UsageError);
    await expect(confirmationName(plan, {}, piped)).rejects.toThrow('pass --yes');
    expect(await confirmationName(plan, { yes: true }, piped)).toBe('okta-prod');
    expect(applySummaryLines(plan)).toHaveLength(1);
  });
});
