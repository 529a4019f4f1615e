import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PeriodRecord } from '@butterfly/domain/evidence';
import PDFDocument from 'pdfkit';
import { actorsText, durationText, summaryRows } from './period-text.ts';

const require = createRequire(import.meta.url);
/** The same DejaVu fonts as the scan report: every machine embeds the same bytes. */
const font = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
const TEXT = '#1b1f24';
const MUTED = '#57606a';

function heading(doc: PDFKit.PDFDocument, text: string) {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.8).font('bold').fontSize(13).fillColor(TEXT).text(text).moveDown(0.3);
}

function grid(doc: PDFKit.PDFDocument, columns: (number | '*')[], head: string[], rows: string[][]) {
  const header = head.map((text) => ({ text, font: { src: 'bold' }, backgroundColor: '#f6f8fa' }));
  doc.fontSize(8).font('body').fillColor(TEXT);
  doc.table({ columnStyles: columns, defaultStyle: { padding: 3, borderColor: '#d0d7de' }, data: [header, ...rows] });
}

/**
 * period-report.pdf: the summary, controls, regressions, exceptions and scans of period.json for a
 * reader who wants a document. Deterministic like report.pdf: every date in the info dictionary is
 * the window's end, so the same record gives the same bytes.
 */
export async function renderPeriodPdf(r: PeriodRecord): Promise<Buffer> {
  const when = new Date(r.window.to);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    bufferPages: true,
    info: {
      Title: `Period evidence — ${r.connection.name} — ${r.window.from} to ${r.window.to}`,
      Author: 'Butterfly',
      Subject: `Connection ${r.connection.id}`,
      Producer: 'Butterfly evidence (PDFKit)',
      CreationDate: when,
      ModDate: when,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('body', font('DejaVuSans.ttf'));
  doc.registerFont('bold', font('DejaVuSans-Bold.ttf'));

  doc.font('bold').fontSize(18).text('Period evidence report');
  doc
    .font('body')
    .fontSize(10)
    .fillColor(MUTED)
    .text(`${r.connection.name} · ${r.window.from} to ${r.window.to} (UTC)`)
    .fillColor(TEXT)
    .moveDown();
  for (const [k, v] of summaryRows(r))
    doc.font('bold').fontSize(9).text(`${k}: `, { continued: true }).font('body').text(v);
  if (r.summary.notes.length) {
    doc.moveDown(0.5).fillColor('#9a6700');
    for (const n of r.summary.notes) doc.fontSize(8.5).text(n);
    doc.fillColor(TEXT);
  }

  heading(doc, 'Controls sampled');
  grid(
    doc,
    [60, 60, '*', 70, 70],
    ['Framework', 'Control', 'Rules', 'Scans failing', 'Regressions'],
    r.summary.controls.map((c) => [
      c.framework === 'soc2' ? 'SOC 2' : 'ISO 27001',
      c.control,
      c.ruleIds.join(', '),
      `${c.scansFailing} of ${r.summary.scans}`,
      String(c.regressions),
    ]),
  );

  heading(doc, 'Regressions');
  if (!r.regressions.length)
    doc.font('body').fontSize(9).text('No rule went from pass to fail between consecutive scans.');
  for (const g of r.regressions) {
    doc.font('bold').fontSize(9.5).text(`${g.ruleId} — ${g.title}`);
    doc.font('body').fontSize(8.5).text(`Failed in scan ${g.scanId} (snapshot of ${g.regressedAt}): ${g.reason}`);
    doc.text(
      g.fixedAt
        ? `Fixed in scan ${g.fixedInScanId} (snapshot of ${g.fixedAt}), ${durationText(g.timeToFixSeconds)} later.`
        : "Still failing at the window's end.",
    );
    for (const c of g.changes)
      doc
        .fillColor(MUTED)
        .text(`${c.change} ${c.type} ${c.label} (${c.id}) by ${actorsText(c.actors)}`, { indent: 10 })
        .fillColor(TEXT);
    doc.moveDown(0.4);
  }

  heading(doc, 'Exceptions in force');
  if (!r.exceptions.length) doc.font('body').fontSize(9).text('None.');
  else
    grid(
      doc,
      [100, 70, 95, 95, '*'],
      ['Rule', 'Scope', 'Approved', 'Until', 'Rationale'],
      r.exceptions.map((e) => [
        e.ruleId,
        e.scope ? `${e.scope.objectType} ${e.scope.objectId}` : 'whole rule',
        `${e.approvedAt} by ${e.approvedBy}`,
        e.ended ? `${e.ended.at} (${e.ended.how})` : `in force at the end (expires ${e.expiresAt})`,
        e.rationale,
      ]),
    );

  heading(doc, 'Scans');
  if (!r.scans.length) doc.font('body').fontSize(9).text('No scan in this window.');
  else
    grid(
      doc,
      [120, '*', 40, 40, 55],
      ['Snapshot taken', 'Scan', 'Pass', 'Fail', 'Accepted'],
      r.scans.map((x) => [
        x.snapshotTakenAt,
        x.scanId,
        String(x.counts.PASS),
        String(x.counts.FAIL),
        String(x.counts.accepted ?? 0),
      ]),
    );
  doc
    .moveDown()
    .font('body')
    .fontSize(8)
    .fillColor(MUTED)
    .text(
      'Every change with its paths and every result per rule are in period.json and period-report.md, covered by the same signed manifest.',
    );

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(i);
    doc
      .font('body')
      .fontSize(7)
      .fillColor(MUTED)
      .text(`Period evidence ${r.connection.id} · page ${i + 1} of ${pages.count}`, 40, doc.page.height - 30, {
        lineBreak: false,
      });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
