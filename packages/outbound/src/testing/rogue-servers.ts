import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo, type Server, type Socket, createServer as createTcpServer } from 'node:net';

export interface Rogue {
  host: string;
  port: number;
  /** `http://host:port` */
  origin: string;
  /** Connections accepted so far: a server that must receive nothing keeps this at 0. */
  connections: number;
  close(): Promise<void>;
}

async function listen(server: Server, host: string, track: (s: Socket) => void): Promise<Rogue> {
  const sockets = new Set<Socket>();
  const rogue = { connections: 0 } as Rogue;
  server.on('connection', (s: Socket) => {
    rogue.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    track(s);
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, host, ok));
  const { port } = server.address() as AddressInfo;
  return Object.assign(rogue, {
    host,
    port,
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  });
}

/** A TCP server that writes whatever it likes on every connection: not necessarily HTTP. */
export function startRawServer(onConnection: (socket: Socket) => void, host = '127.0.0.1'): Promise<Rogue> {
  return listen(createTcpServer(), host, (s) => {
    // Read the request (and ignore it) before answering, as a server would.
    s.once('data', () => onConnection(s));
  });
}

/** An HTTP server with a handler of the test's choosing. */
export function startHttpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  host = '127.0.0.1',
): Promise<Rogue> {
  const server = createServer((req, res) => {
    res.on('error', () => {});
    handler(req, res);
  });
  return listen(server as unknown as Server, host, () => {});
}

/** Answers with these exact bytes, then closes. */
export const rawAnswer = (bytes: string | Buffer) => (s: Socket) => s.end(bytes);

/** Headers announcing a large body, then one byte every `everyMs`, forever. */
export const trickle =
  (everyMs = 50) =>
  (s: Socket) => {
    s.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 50000\r\n\r\n{');
    const timer = setInterval(() => s.write(' '), everyMs);
    s.on('close', () => clearInterval(timer));
  };

/** A chunked body that never ends, written as fast as the client reads it. */
export const endless = () => (s: Socket) => {
  s.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
  const chunk = Buffer.from(`10000\r\n${' '.repeat(0x10000)}\r\n`);
  const pump = () => {
    while (!s.destroyed && s.write(chunk));
  };
  s.on('drain', pump);
  pump();
};

/** Accepts the connection and says nothing. */
export const silent = () => (_s: Socket) => {};
