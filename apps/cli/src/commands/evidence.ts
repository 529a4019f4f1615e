import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { getEvidenceKey } from '@butterfly/domain/evidence';
import { FRAMEWORKS, findScanTenant } from '@butterfly/domain/scans';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import {
  BUNDLE_FORMATS,
  type BundleFormat,
  exportEvidence,
  exportPeriodEvidence,
  verifyBundle,
  verifyBundleTar,
} from '@butterfly/evidence';
import { UsageError, emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

function parseFormats(list: string): BundleFormat[] {
  const formats = list
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const bad = formats.filter((f) => !BUNDLE_FORMATS.includes(f as BundleFormat));
  if (bad.length || !formats.length) throw new UsageError(`--format takes ${BUNDLE_FORMATS.join(',')} (got "${list}")`);
  return formats as BundleFormat[];
}

export function registerEvidence(evidence: Command) {
  evidence
    .command('export')
    .description("write a scan's signed evidence bundle; the same scan always gives the same bytes")
    .argument('<scan-id>', 'scan id')
    .requiredOption('--out <dir>', 'output folder (created)')
    .option(
      '--format <list>',
      `reports to include, comma-separated (${BUNDLE_FORMATS.join(',')})`,
      BUNDLE_FORMATS.join(','),
    )
    .option(
      '--framework <id>',
      `only the rules mapped to one framework (${FRAMEWORKS.join(', ')}); recorded in the signed manifest`,
    )
    .option('--json', 'print one JSON document')
    .action((scanId: string, opts: { out: string; format: string; framework?: string; json?: boolean }) => {
      const formats = parseFormats(opts.format);
      return withRuntime(async ({ deps }) => {
        const tenantId = await findScanTenant(deps, scanId);
        const r = await exportEvidence(deps, tenantId, { scanId, dir: opts.out, formats, framework: opts.framework });
        emit(
          { json: !!opts.json },
          r,
          () => [...r.files.map((f) => `  ${f}`), `signed by evidence key ${r.fingerprint}`],
          r.dir,
        );
      });
    });

  evidence
    .command('period')
    .description(
      "write the signed evidence of an audit period: every scan of one connection's window, its changes with their actors, regressions with their fixes, exceptions in force",
    )
    .argument('<tenant>', 'tenant slug')
    .requiredOption('--connection <id-or-name>', 'the connection, by id or name')
    .requiredOption(
      '--from <iso>',
      'start of the window, ISO 8601 (e.g. 2026-10-01T00:00:00Z); scans of snapshots taken from then on',
    )
    .requiredOption('--to <iso>', 'end of the window, ISO 8601, included')
    .requiredOption('--out <dir>', 'output folder (created)')
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: { connection: string; from: string; to: string; out: string; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const r = await exportPeriodEvidence(deps, tenant.id, {
          connection: opts.connection,
          from: opts.from,
          to: opts.to,
          dir: opts.out,
        });
        const s = r.summary;
        emit(
          { json: !!opts.json },
          r,
          () => [
            `${r.connection.name}, ${r.window.from} to ${r.window.to}: ${s.scans} scans, ${s.regressions} regressions (${s.fixed} fixed, ${s.open} open), ${s.changes} changes, ${s.exceptionsInForce} exceptions in force`,
            ...s.notes.map((n) => `  note: ${n}`),
            ...r.files.map((f) => `  ${f}`),
            `signed by evidence key ${r.fingerprint}`,
          ],
          r.dir,
        );
      }),
    );

  evidence
    .command('verify')
    .description(
      'check a bundle against the fingerprint you recorded: exit 0 only if every file matches the signed manifest',
    )
    .argument('<bundle>', 'the bundle: the .tar as downloaded from the dashboard, or its extracted folder')
    .requiredOption(
      '--fingerprint <hex>',
      "the tenant's evidence key fingerprint (colons, spaces and case are ignored)",
    )
    .option('--json', 'print one JSON document')
    .action(async (bundle: string, opts: { fingerprint: string; json?: boolean }) => {
      // No database: an auditor verifies with the bundle and the fingerprint alone.
      if (!existsSync(bundle)) {
        process.stderr.write(`missing: ${bundle}: no such file or folder\n`);
        process.exitCode = 1;
        return;
      }
      // The download is a .tar; it is read in memory, never extracted (nothing is written anywhere).
      const r = statSync(bundle).isDirectory()
        ? await verifyBundle(bundle, opts.fingerprint)
        : await verifyBundleTar(readFileSync(bundle), opts.fingerprint);
      const period = r.manifest?.period;
      emit(
        { json: !!opts.json },
        {
          ok: r.ok,
          problems: r.problems,
          scanId: r.manifest?.scan?.scanId ?? null,
          period: period ? { connectionId: period.connection.id, ...period.window } : null,
        },
        () => (r.ok ? [`ok: ${r.manifest!.files.length} files match the manifest signed by ${opts.fingerprint}`] : []),
      );
      if (!r.ok) {
        for (const p of r.problems) process.stderr.write(`${p.code}: ${p.message}\n`);
        process.exitCode = 1;
      }
    });

  evidence
    .command('key')
    .description("the tenant's evidence key fingerprint (created on first use): read it to the auditor once")
    .argument('<tenant>', 'tenant slug')
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const k = await getEvidenceKey(deps, tenant.id);
        emit(
          { json: !!opts.json },
          k,
          () => [`Ed25519 evidence key of ${slug}, version ${k.version}, created ${k.createdAt}`],
          k.fingerprint,
        );
      }),
    );
}
