import { createContext, useContext } from 'react';

// The server renders with the response's nonce; in the browser it is '' (browsers hide nonces from
// the DOM, and hydration does not patch attributes).
const NonceContext = createContext('');

export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
