/**
 * Where the service worker keeps what outlives it. `local` (disk): the Butterfly URL, the refresh
 * token, who is connected, why they were signed out. `session` (memory, cleared with the browser,
 * not readable by content scripts): the short-lived access token and an unfinished connect flow.
 * An interface, so tests use maps.
 */
export interface KV {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  remove(...keys: string[]): Promise<void>;
}

export interface Stores {
  local: KV;
  session: KV;
}

export function chromeArea(area: chrome.storage.StorageArea): KV {
  return {
    get: async <T>(key: string) => (await area.get(key))[key] as T | undefined,
    set: (key, value) => area.set({ [key]: value }),
    remove: (...keys) => area.remove(keys),
  };
}

export function memoryArea(): KV & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async <T>(key: string) => structuredClone(data.get(key)) as T | undefined,
    set: async (key, value) => void data.set(key, structuredClone(value)),
    remove: async (...keys) => {
      for (const k of keys) data.delete(k);
    },
  };
}

export interface Account {
  email: string;
  role: string;
  tenant: string;
  permissions: string[];
  fetchedAt: number;
}

export interface PendingConnect {
  state: string;
  verifier: string;
  butterflyUrl: string;
  tabId?: number;
}

export interface AccessToken {
  token: string;
  expiresAt: number;
}
