/** The slice of a pino logger a simulator uses, so a test can pass its own or none. */
export interface SimLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Default for in-process use: quiet, except server errors, which go to stderr as `<name>: ...`. */
export function stderrLoggerFor(name: string): SimLogger {
  return {
    info: () => {},
    error: (obj, msg) => {
      process.stderr.write(`${name}: ${msg ?? 'error'} ${JSON.stringify(obj, errorReplacer)}\n`);
    },
  };
}

function errorReplacer(_key: string, value: unknown) {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}
