import { createContext, useContext, useEffect, useState } from 'react';

// The server renders with the request's id (entry.server.tsx), so a 500 page can name it for support.
const RequestIdContext = createContext('');
export const RequestIdProvider = RequestIdContext.Provider;

let hydrated = false;

/**
 * The id of the request that rendered this page, or '' when unknown. In the browser the context is
 * empty; while hydrating, the id is read back from what the server rendered (`data-request-id`), so
 * both renders agree. An error met later by client-side navigation has no id of its own here.
 */
export function useRequestId(): string {
  const fromServer = useContext(RequestIdContext);
  const [id] = useState(() => {
    if (fromServer || hydrated || typeof document === 'undefined') return fromServer;
    return document.querySelector('[data-request-id]')?.getAttribute('data-request-id') ?? '';
  });
  useEffect(() => {
    hydrated = true;
  }, []);
  return id;
}
