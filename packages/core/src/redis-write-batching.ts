import { Cluster, type Redis } from 'ioredis';

type Stream = Redis['stream'];

const batched = new WeakSet<Stream>();

/**
 * Corks the socket at the first write of an event-loop turn and uncorks it once that turn's I/O
 * callbacks have run (setImmediate), so every command written meanwhile leaves in one system call.
 */
function batchWrites(stream: Stream): void {
  if (batched.has(stream)) return;
  batched.add(stream);
  const write = stream.write;
  let corked = false;
  const release = () => {
    corked = false;
    stream.uncork();
  };
  stream.write = function (this: Stream, ...args: Parameters<Stream['write']>) {
    if (!corked) {
      corked = true;
      stream.cork();
      setImmediate(release);
    }
    return write.apply(this, args);
  } as Stream['write'];
}

/**
 * Commands sent to one Redis connection in the same turn of the event loop (by concurrent requests,
 * or by one request's parallel reads) go out in one socket write instead of one write each. A
 * socket write was the largest single cost of a turn (docs/PERFORMANCE.md). Unlike ioredis's
 * enableAutoPipelining, which was measured too, nothing waits for an earlier batch's replies, so
 * latency at moderate load does not grow. Applied to every connection, on each (re)connect.
 */
export function batchCommandWrites(client: Redis | Cluster): void {
  if (client instanceof Cluster) {
    client.on('+node', (node: Redis) => batchCommandWrites(node));
    return;
  }
  client.on('connect', () => batchWrites(client.stream));
}
