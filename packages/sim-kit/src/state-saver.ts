import { writeStateFile } from './state-file.ts';

/**
 * Saves `snapshot()` at most once per `delayMs` after changes (`changed()`), and at `flush()`;
 * writes run one after another. A failed write is reported and retried at the next change or flush.
 */
export function stateSaver<T>(
  path: string,
  snapshot: () => Promise<T>,
  onError: (error: Error) => void,
  delayMs = 500,
) {
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const save = () => {
    timer = undefined;
    writing = writing.then(async () => {
      try {
        writeStateFile(path, await snapshot());
      } catch (error) {
        onError(error as Error);
      }
    });
    return writing;
  };
  return {
    changed() {
      timer ??= setTimeout(save, delayMs);
      timer.unref();
    },
    flush(): Promise<void> {
      if (timer) clearTimeout(timer);
      return save();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
