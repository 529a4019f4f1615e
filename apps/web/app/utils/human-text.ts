const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
// A zod path (`objectTypes.2`), a stack frame, JSON, an internal actor or a regular expression.
const CODE_LIKE = [
  /\b[A-Za-z_]+\.\d+\b/,
  /\n\s+at\s/,
  /^\s*[[{]/,
  /system:job:/,
  /\^.*\$/,
  /"(code|path|message)"\s*:/,
];

/**
 * Whether a message from the server reads as something said to a person: short, and free of ids,
 * JSON, paths into the input and stack traces. Messages that fail are replaced by a generic line.
 */
export function isHumanText(message: string): boolean {
  return (
    message.length > 0 && message.length <= 300 && !UUID.test(message) && !CODE_LIKE.some((re) => re.test(message))
  );
}

/** A stored failure message when it reads as words, else a plain line saying the details are logged. */
export const failureText = (message: string | null | undefined): string =>
  message && isHumanText(message)
    ? message
    : 'It stopped on an unexpected error, which has been logged with its details.';
