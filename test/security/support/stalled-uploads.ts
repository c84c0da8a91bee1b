// Clients that start an upload and then send nothing, on raw sockets: the headers and part of the
// body the headers announce, then silence, until the server closes the connection.
import { connect, type Socket } from 'node:net';

export interface StalledUploadRequest {
  path: string;
  headers: Record<string, string>;
  /** The Content-Length announced. */
  declaredBytes: number;
  /** The part of the body actually sent before going silent. */
  sentBytes: number;
}

export interface StalledUpload {
  socket: Socket;
  /** When the headers and partial body were written (performance.now()). */
  sentAt: number;
  /** Resolves when the server closed the connection, with performance.now(). */
  closed: Promise<number>;
  /** What the server wrote before closing (the first 512 bytes). */
  answer(): string;
}

function open(port: number, request: StalledUploadRequest, head: Buffer): Promise<StalledUpload> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    let closedAt: (at: number) => void = () => {};
    const closed = new Promise<number>((done) => {
      closedAt = done;
    });
    socket.on('data', (chunk) => {
      if (received.length < 512) received += chunk.toString('latin1');
    });
    socket.on('close', () => closedAt(performance.now()));
    socket.once('error', (error) => (socket.connecting ? reject(error) : undefined));
    socket.on('error', () => {});
    socket.once('connect', () => {
      socket.write(head);
      socket.write(Buffer.alloc(request.sentBytes, 0x20));
      resolve({ socket, sentAt: performance.now(), closed, answer: () => received });
    });
  });
}

/** Opens `count` stalled uploads to 127.0.0.1:`port`, `batch` connections at a time. */
export async function openStalledUploads(
  port: number,
  count: number,
  request: StalledUploadRequest,
  batch = 100,
): Promise<StalledUpload[]> {
  const headers = {
    host: `127.0.0.1:${port}`,
    ...request.headers,
    'content-length': `${request.declaredBytes}`,
  };
  const head = Buffer.from(
    `POST ${request.path} HTTP/1.1\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}\r\n`,
  );
  const uploads: StalledUpload[] = [];
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    uploads.push(...(await Promise.all(Array.from({ length: size }, () => open(port, request, head)))));
  }
  return uploads;
}
