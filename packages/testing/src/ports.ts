import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on (bound, then released): to start a server on, or to find
 * nothing at (a refused connection, an absent upstream).
 */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
