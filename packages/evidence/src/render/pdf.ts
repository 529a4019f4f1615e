import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type ScanRecord, type ScanResult, stigTextOf } from '@butterfly/domain/compliance';
import PDFDocument from 'pdfkit';
import { metadataRows } from './metadata.ts';
import { RESULT_LABEL, exceptionLines, mappingText, objectText, objectsOf, valueText } from './text.ts';

const require = createRequire(import.meta.url);
/** DejaVu ships in an npm package, so every machine embeds the same font bytes (and covers ✓, é, —). */
const font = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
const COLORS: Record<ScanResult['result'], string> = {
  PASS: '#1a7f37',
  FAIL: '#cf222e',
  MANUAL: '#9a6700',
  NOT_APPLICABLE: '#57606a',
};

function summaryTable(doc: PDFKit.PDFDocument, record: ScanRecord) {
  doc.font('bold').fontSize(13).text('Rules').moveDown(0.3);
  const header = ['Rule', 'Severity', 'Result', 'Title'].map((text) => ({
    text,
    font: { src: 'bold' },
    backgroundColor: '#f6f8fa',
  }));
  const rows = record.results.map((r) => [
    r.frameworks.stig ? `${r.ruleId}\n${r.frameworks.stig}` : r.ruleId,
    r.severity,
    { text: RESULT_LABEL[r.result], textColor: COLORS[r.result] },
    r.title,
  ]);
  doc.fontSize(8.5).font('body');
  doc.table({
    columnStyles: [170, 50, 70, '*'],
    defaultStyle: { padding: 3, borderColor: '#d0d7de' },
    data: [header, ...rows],
  });
}

/** A labelled paragraph: "Check: …", the label in bold. */
function para(doc: PDFKit.PDFDocument, label: string, text: string, color = '#1b1f24') {
  doc
    .font('bold')
    .fontSize(8)
    .fillColor(color)
    .text(`${label}: `, { continued: true })
    .font('body')
    .text(text)
    .fillColor('#1b1f24');
}

/** The STIG's own words for a rule (decision 041): ids, title, discussion, check and fix, as DISA wrote them. */
function stigText(doc: PDFKit.PDFDocument, r: ScanResult) {
  const t = stigTextOf(r);
  if (!t) return;
  doc
    .font('body')
    .fontSize(8)
    .fillColor('#57606a')
    .text(
      `${t.vulnId} · ${t.ruleId ?? 'SV rule id not known'} · ${t.groupTitle} · ${t.severity} · CCI ${t.ccis.join(', ')}${t.textSource === 'summary' ? ' · summary of the STIG text, not verbatim' : ''}`,
    );
  para(doc, 'STIG', t.title);
  para(doc, 'Discussion', t.discussion, '#3d444d');
  para(doc, 'Check', t.checkText, '#3d444d');
  para(doc, 'Fix', t.fixText, '#3d444d');
}

function details(doc: PDFKit.PDFDocument, r: ScanResult) {
  // Keep a rule's heading with at least its reason: no heading alone at the foot of a page.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.moveDown(0.6).font('bold').fontSize(9.5).fillColor('#1b1f24').text(`${r.ruleId}  `, { continued: true });
  doc
    .fillColor(COLORS[r.result])
    .text(RESULT_LABEL[r.result], { continued: true })
    .fillColor('#1b1f24')
    .text(`  ${r.severity} — ${r.title}`);
  stigText(doc, r);
  if (stigTextOf(r)) doc.moveDown(0.25);
  doc.font('body').fontSize(8.5).text(r.reason);
  const { failing, passing } = objectsOf(r);
  if (failing.length) para(doc, 'Failing', failing.map(objectText).join('; '), COLORS.FAIL);
  if (passing.length)
    para(doc, failing.length ? 'Also judged' : 'Judged', passing.map(objectText).join('; '), '#57606a');
  for (const line of exceptionLines(r))
    doc.font('body').fontSize(8.5).fillColor('#9a6700').text(line).fillColor('#1b1f24');
  doc.font('body').fontSize(8.5).fillColor('#57606a').text(mappingText(r)).fillColor('#1b1f24');
  doc.font('mono').fontSize(7.5);
  for (const e of r.evidence)
    doc.text(`${e.name ? `${e.name}: ` : ''}${e.type} ${e.id} · ${e.path} = ${valueText(e.value)}`, { indent: 10 });
}

export interface PdfOptions {
  /**
   * The fingerprint of the evidence key that signs the bundle's manifest (SHA-256 of the Ed25519
   * public key, hex): what `butterfly evidence verify --fingerprint` checks and the dashboard shows.
   */
  fingerprint?: string;
}

/**
 * report.pdf, generated in-process. Page 1 carries the provenance and the bundle's signing-key
 * fingerprint; each rule then its STIG text (when it is a STIG rule), result, and the objects it
 * judged and failed on, by name. Deterministic: pdfkit derives the document /ID from the info
 * dictionary, and every date in it is the scan time, so the same record and key give the same bytes.
 */
export async function renderPdf(record: ScanRecord, options: PdfOptions = {}): Promise<Buffer> {
  const when = new Date(record.scannedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    bufferPages: true,
    info: {
      Title: `Compliance evidence — ${record.orgUrl} — ${record.scannedAt}`,
      Author: 'Butterfly',
      Subject: `Scan ${record.scanId} of snapshot ${record.snapshotId}`,
      Creator: `Butterfly ${record.productVersion}`,
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
  doc.registerFont('mono', font('DejaVuSansMono.ttf'));

  doc.font('bold').fontSize(18).text('Compliance evidence report');
  doc
    .font('body')
    .fontSize(10)
    .fillColor('#57606a')
    .text(`${record.orgUrl} · scanned ${record.scannedAt} · rule set ${record.rulesetVersion}`)
    .fillColor('#1b1f24');
  doc.moveDown();
  for (const [k, v] of metadataRows(record))
    doc.font('bold').fontSize(9).text(`${k}: `, { continued: true }).font('body').text(v);
  if (options.fingerprint) {
    doc.moveDown(0.5).font('bold').fontSize(9).text('Bundle signed by evidence key (fingerprint):');
    doc.font('mono').fontSize(9).text(options.fingerprint);
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#57606a')
      .text(
        `Check this bundle with: butterfly evidence verify <bundle> --fingerprint ${options.fingerprint} (the fingerprint you recorded from the dashboard must be this one).`,
      )
      .fillColor('#1b1f24');
  }
  const c = record.counts;
  doc
    .moveDown()
    .font('bold')
    .fontSize(11)
    .text(
      `${c.total} rules — ${c.PASS} pass, ${c.FAIL} fail, ${c.MANUAL} manual, ${c.NOT_APPLICABLE} not applicable${c.accepted ? ` (${c.accepted} failing accepted by exceptions)` : ''}`,
    );
  doc.moveDown();
  summaryTable(doc, record);
  doc.addPage().font('bold').fontSize(13).text('Reasons and evidence');
  for (const r of record.results) details(doc, r);

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(i);
    doc
      .font('body')
      .fontSize(7)
      .fillColor('#57606a')
      .text(`Scan ${record.scanId} · page ${i + 1} of ${pages.count}`, 40, doc.page.height - 30, { lineBreak: false });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
