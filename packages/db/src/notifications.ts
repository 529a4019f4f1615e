import pg from 'pg';

export interface NotificationListener {
  /** True while LISTEN is in effect: a notification sent now will be heard. */
  readonly listening: boolean;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** A notification on the channel (payload as sent; '' when none). */
  onNotify: (payload: string) => void;
  /**
   * The connection was lost (from then on notifications may be missed) or is back and listening
   * again (those sent meanwhile were missed). Caches built on the channel drop everything on both.
   */
  onState?: (listening: boolean, err?: Error) => void;
  /** Delay before reconnecting after a loss; default 1 s. */
  retryMs?: number;
}

/**
 * LISTENs on one channel over a dedicated connection (a pooled one would be handed to queries),
 * reconnecting after a loss until `close`. Channel names are identifiers: letters, digits, _.
 */
export function listenForNotifications(url: string, channel: string, opts: ListenOptions): NotificationListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`listenForNotifications: bad channel name ${channel}`);
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const lost = (err?: Error) => {
    const was = listening;
    listening = false;
    const c = client;
    client = undefined;
    c?.removeAllListeners();
    c?.on('error', () => {});
    void c?.end().catch(() => {});
    if (was || err) opts.onState?.(false, err);
    if (!closed) {
      timer = setTimeout(connect, opts.retryMs ?? 1000);
      timer.unref();
    }
  };

  async function connect() {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, application_name: `listen:${channel}` });
    client = c;
    c.on('error', (err) => lost(err));
    c.on('end', () => client === c && lost());
    c.on('notification', (n) => {
      if (n.channel === channel) opts.onNotify(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
      if (closed || client !== c) return;
      listening = true;
      opts.onState?.(true);
    } catch (err) {
      if (client === c) lost(err as Error);
    }
  }

  void connect();
  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      listening = false;
      const c = client;
      client = undefined;
      c?.removeAllListeners();
      c?.on('error', () => {});
      await c?.end().catch(() => {});
    },
  };
}
