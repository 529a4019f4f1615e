import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/**
 * A tiny DNS server over UDP that answers TXT queries from a map, for tests of domain verification
 * through BUTTERFLY_DNS_SERVER (the real node:dns resolver talks to it). Other names: NXDOMAIN.
 */
export async function startFakeDns(records: Pick<Map<string, string[]>, 'get'> = new Map()) {
  const socket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    const { name, end } = readName(query, 12);
    const qtype = query.readUInt16BE(end);
    const txt = qtype === 16 ? records.get(name.toLowerCase()) : undefined;
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(txt ? 0x8180 : 0x8183, 2); // response, recursion available; NXDOMAIN when unknown
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(txt ? 1 : 0, 6);
    const question = query.subarray(12, end + 4);
    const answers = txt ? [answer(txt)] : [];
    socket.send(Buffer.concat([header, question, ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((ok) => socket.bind(0, '127.0.0.1', ok));
  const { port } = socket.address() as AddressInfo;
  return { server: `127.0.0.1:${port}`, records, close: () => new Promise<void>((done) => socket.close(() => done())) };
}

function readName(buf: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let i = offset;
  while (buf[i]) {
    labels.push(buf.toString('latin1', i + 1, i + 1 + buf[i]!));
    i += buf[i]! + 1;
  }
  return { name: labels.join('.'), end: i + 1 };
}

/** One TXT record whose strings are the given chunks (each at most 255 bytes). */
function answer(chunks: string[]): Buffer {
  const rdata = Buffer.concat(chunks.map((c) => Buffer.concat([Buffer.from([Buffer.byteLength(c)]), Buffer.from(c)])));
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0); // name: pointer to the question's
  fixed.writeUInt16BE(16, 2); // TXT
  fixed.writeUInt16BE(1, 4); // IN
  fixed.writeUInt32BE(60, 6);
  fixed.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([fixed, rdata]);
}
