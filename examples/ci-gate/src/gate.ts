/**
 * A CI gate on Butterfly's compliance findings: lists every failing finding of each connection's
 * latest scan, grouped by connection, and exits 1 when any is critical (CAT I, DISA's highest
 * category) and not accepted by an approved exception; 0 otherwise; 2 when it cannot ask.
 *
 *   BUTTERFLY_URL=https://butterfly.example.com BUTTERFLY_TOKEN=bfy_… node src/gate.ts
 *
 * Give it a token with the `auditor` role: it only reads.
 */
import { ButterflyError, type ButterflyClient, type ButterflyOutputs, createButterflyClient } from '@butterfly/client';

type Finding = ButterflyOutputs['compliance']['findings'][number];

/** The gate's verdict and the lines it prints. */
export async function gate(
  client: ButterflyClient,
): Promise<{ exitCode: 0 | 1; lines: string[]; critical: Finding[] }> {
  const [connections, failing] = await Promise.all([
    client.connections.list.query(),
    client.compliance.findings.query({ results: ['FAIL'] }),
  ]);
  const critical = failing.filter((f) => f.severity === 'CAT I' && !f.accepted);
  const lines: string[] = [];
  for (const c of connections) {
    const mine = failing.filter((f) => f.connectionId === c.id);
    lines.push(`${c.name}: ${mine.length ? `${mine.length} failing` : 'no failing findings (or not scanned yet)'}`);
    for (const f of mine)
      lines.push(`  ${f.severity.padEnd(7)} ${f.ruleId}  ${f.title}${f.accepted ? '  (accepted by exception)' : ''}`);
  }
  lines.push(
    critical.length
      ? `FAIL: ${critical.length} critical (CAT I) finding${critical.length === 1 ? '' : 's'}`
      : 'OK: no critical findings',
  );
  return { exitCode: critical.length ? 1 : 0, lines, critical };
}

if (import.meta.main) {
  const url = process.env.BUTTERFLY_URL;
  const token = process.env.BUTTERFLY_TOKEN;
  if (!url || !token) {
    process.stderr.write('set BUTTERFLY_URL and BUTTERFLY_TOKEN\n');
    process.exit(2);
  }
  try {
    const result = await gate(createButterflyClient({ url, token, headers: { 'user-agent': 'butterfly-ci-gate' } }));
    process.stdout.write(`${result.lines.join('\n')}\n`);
    process.exitCode = result.exitCode;
  } catch (e) {
    process.stderr.write(
      e instanceof ButterflyError ? `error ${e.code}: ${e.message}\n` : `error: ${(e as Error).message}\n`,
    );
    process.exitCode = 2;
  }
}
