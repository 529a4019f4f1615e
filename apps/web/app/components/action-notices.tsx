import { Notice } from './notice.tsx';

/** What a form action answered: its `ok` message (role="status") or its `error` (role="alert"). */
export function ActionNotices({ result }: { result: { ok?: string; error?: string } | undefined }) {
  return (
    <>
      {result && 'ok' in result && (
        <Notice tone="success" role="status">
          {result.ok}
        </Notice>
      )}
      {result && 'error' in result && (
        <Notice tone="danger" role="alert">
          {result.error}
        </Notice>
      )}
    </>
  );
}
