/**
 * Characters XML 1.0 cannot carry at all: C0 controls other than tab, line feed and carriage return,
 * lone surrogates, U+FFFE and U+FFFF.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids, matched to be replaced.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text for XML 1.0 element content and attribute values: the five special characters escaped, carriage
 * returns kept as a character reference, and characters XML cannot carry replaced by U+FFFD, so a
 * value from an org can never break the file.
 */
export function xmlText(s: string): string {
  return s
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/** `<NAME>text</NAME>` with the text escaped. */
export const el = (name: string, text: string) => `<${name}>${xmlText(text)}</${name}>`;
