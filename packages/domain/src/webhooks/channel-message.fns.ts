/**
 * One alert, shaped for each channel kind (decision 039). Every alert payload is Slack-shaped already
 * (`text` the fallback line, `blocks` the message, `butterfly` the details for programs): a signed
 * webhook gets it whole, Slack gets only `text` and `blocks`, email gets a plain subject and escaped
 * text and HTML bodies made from the same blocks.
 */
interface AlertPayload {
  text: string;
  blocks?: unknown[];
}

const isPayload = (p: unknown): p is AlertPayload =>
  !!p && typeof p === 'object' && typeof (p as AlertPayload).text === 'string';

/** Slack's incoming-webhook body: Block Kit blocks with the plain-text fallback, nothing else. */
export function slackBody(payload: unknown): { text: string; blocks: unknown[] } {
  if (!isPayload(payload)) throw new Error('alert payload has no text');
  return { text: payload.text, blocks: Array.isArray(payload.blocks) ? payload.blocks : [] };
}

/** The texts of a message's blocks (header, section, context), in order. */
function blockTexts(blocks: unknown[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (!b || typeof b !== 'object') continue;
    const t = (b as { text?: { text?: unknown } }).text?.text;
    if (typeof t === 'string') out.push(t);
  }
  return out;
}

/** Slack mrkdwn `<url|label>` links become `label (url)` in plain text. */
const plainLinks = (s: string) => s.replace(/<([^|>\s]+)\|([^>]*)>/g, '$2 ($1)');

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A subject line: one plain line, no control characters, at most 200 characters. */
export function plainSubject(s: string): string {
  const visible = [...s].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('');
  const line = visible.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * An email for one alert. The HTML is every text escaped, links (https and http only) the one markup
 * we add, and no images or other remote content; the text body says the same.
 */
export function emailMessage(payload: unknown): { subject: string; text: string; html: string } {
  if (!isPayload(payload)) throw new Error('alert payload has no text');
  const texts = blockTexts(Array.isArray(payload.blocks) ? payload.blocks : []);
  const body = texts.length ? texts : [payload.text];
  const text = `${body.map(plainLinks).join('\n\n')}\n\n-- \nButterfly alerts. Change what you receive under Alerts in the dashboard.\n`;
  const htmlPart = (s: string) => {
    const parts: string[] = [];
    let last = 0;
    for (const m of s.matchAll(/<(https?:\/\/[^|>\s]+)\|([^>]*)>/g)) {
      parts.push(escapeHtml(s.slice(last, m.index)));
      parts.push(`<a href="${escapeHtml(m[1] ?? '')}">${escapeHtml(m[2] ?? '')}</a>`);
      last = (m.index ?? 0) + m[0].length;
    }
    parts.push(escapeHtml(s.slice(last)));
    return `<p style="white-space:pre-wrap;font-family:sans-serif">${parts.join('')}</p>`;
  };
  const html = `<!doctype html><html><body>${body.map(htmlPart).join('')}<p style="color:#555;font-family:sans-serif">Butterfly alerts. Change what you receive under Alerts in the dashboard.</p></body></html>`;
  return { subject: plainSubject(payload.text), text, html };
}
