/**
 * Memory held by stalled uploads: clients that send the headers and part of a body to the public
 * `POST /webhooks/stripe`, then nothing (issue 20, item 1). The entitlement service (built, as in
 * production, its own process) is measured idle, then holding UPLOADS such uploads, as a ratio of
 * its idle resident memory; then how long until its request deadline closed them all, and what
 * each was answered. Before REQUEST_TIMEOUT_MS existed nothing closed them: 30 uploads held
 * +29 MB for as long as the sockets stayed open.
 * Target: every upload closed within the deadline plus 3 s (accepting 1,000 connections at once
 * delays when the server starts counting), each with 408.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStalledUploads } from '../security/support/stalled-uploads.js';
import { entitlementsEntry, removeKeys, startService, stopService } from './lib/http-stack.js';
import { mebibytes, rssBytesOf } from './lib/process-usage.js';
import { round } from './lib/stats.js';

const UPLOADS = Number(process.env.BENCH_STALLED_UPLOADS ?? 1_000);
const SENT_BYTES = 64 * 1024;
// Shorter than the 30 s default so the bench stays short; the memory held does not depend on it.
const DEADLINE_MS = Number(process.env.BENCH_STALL_DEADLINE_MS ?? 10_000);

async function main(): Promise<void> {
  const prefix = `bench-stalled-${randomUUID().slice(0, 8)}:`;
  const service = await startService(entitlementsEntry, prefix, {
    env: { REQUEST_TIMEOUT_MS: `${DEADLINE_MS}`, REQUEST_HEADERS_TIMEOUT_MS: `${DEADLINE_MS}` },
  });
  try {
    const pid = service.child.pid;
    await sleep(1_000);
    const idle = rssBytesOf(pid);
    const uploads = await openStalledUploads(service.port, UPLOADS, {
      path: '/webhooks/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      declaredBytes: 1_000_000,
      sentBytes: SENT_BYTES,
    });
    await sleep(1_000);
    const held = rssBytesOf(pid);
    const closedAt = await Promise.all(uploads.map((upload) => upload.closed));
    const lateness = uploads.map((upload, i) => closedAt[i]! - upload.sentAt);
    const answered408 = uploads.filter((upload) => upload.answer().startsWith('HTTP/1.1 408')).length;
    await sleep(2_000);
    const after = rssBytesOf(pid);
    const allClosedMs = Math.round(Math.max(...lateness));
    const result = {
      name: 'stalled-uploads',
      uploads: UPLOADS,
      sentKibEach: SENT_BYTES / 1024,
      deadlineMs: DEADLINE_MS,
      idleRssMib: mebibytes(idle),
      heldRssMib: mebibytes(held),
      heldToIdleRatio: round(held / idle, 2),
      heldKibPerUpload: round((held - idle) / UPLOADS / 1024, 1),
      afterRssMib: mebibytes(after),
      firstClosedMs: Math.round(Math.min(...lateness)),
      allClosedMs,
      answered408,
      targetsMet: { allClosedInTime: allClosedMs < DEADLINE_MS + 3_000, all408: answered408 === UPLOADS },
    };
    console.log(
      `${UPLOADS} stalled uploads of ${SENT_BYTES / 1024} KiB: RSS ${result.idleRssMib} MiB idle, ` +
        `${result.heldRssMib} MiB holding them (${result.heldToIdleRatio}x, ${result.heldKibPerUpload} KiB each); ` +
        `all closed ${result.firstClosedMs}-${allClosedMs} ms after sending (deadline ${DEADLINE_MS} ms), ` +
        `${answered408} with 408; ${result.afterRssMib} MiB after (the allocator keeps the pages for reuse)`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await stopService(service);
    await removeKeys(prefix);
  }
}

await main();
