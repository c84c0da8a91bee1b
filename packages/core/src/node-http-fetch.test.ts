import { type ScriptedHttpServer, startScriptedHttpServer, unusedPort } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from './node-http-fetch.js';

let server: ScriptedHttpServer;

beforeAll(async () => {
  server = await startScriptedHttpServer();
});

afterAll(() => server.close());

const nodeFetch = createNodeHttpFetch();

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>)
    text += Buffer.from(chunk).toString();
  return text;
}

describe('createNodeHttpFetch', () => {
  it('sends method, headers and a string body, and answers status, headers and body as a Response', async () => {
    server.handle = (request, body, response) => {
      response.writeHead(201, { 'content-type': 'application/json', 'x-seen': request.headers['x-token'] });
      response.end(JSON.stringify({ method: request.method, body }));
    };
    const response = await nodeFetch(`${server.url}/things`, {
      method: 'POST',
      headers: { 'x-token': 'abc', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-seen')).toBe('abc');
    expect(await response.json()).toEqual({ method: 'POST', body: '{"a":1}' });
  });

  it('hands over a streamed body chunk by chunk, before the response has ended', async () => {
    let finish: () => void = () => {};
    server.handle = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
      finish = () => response.end('data: last\n\n');
    };
    const response = await nodeFetch(`${server.url}/stream`, { method: 'POST', body: '{}' });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe('data: first\n\n');
    finish();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += Buffer.from(chunk.value).toString();
    expect(rest).toBe('data: last\n\n');
  });

  it('keeps the connection alive between requests', async () => {
    server.handle = (_request, _body, response) => response.end('ok');
    server.clientPorts.clear();
    for (let i = 0; i < 3; i++) await (await nodeFetch(`${server.url}/again`)).text();
    expect(server.clientPorts.size).toBe(1);
  });

  it('answers 204 with no body', async () => {
    server.handle = (_request, _body, response) => {
      response.writeHead(204);
      response.end();
    };
    const response = await nodeFetch(`${server.url}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('rejects when aborted before the answer, and errors the body when aborted during it', async () => {
    server.handle = () => {}; // never answers
    const early = new AbortController();
    const pending = nodeFetch(`${server.url}/slow`, { method: 'POST', body: '{}', signal: early.signal });
    early.abort();
    await expect(pending).rejects.toThrow(/abort/i);

    server.handle = (_request, _body, response) => {
      response.writeHead(200);
      response.write('partial');
    };
    const late = new AbortController();
    const response = await nodeFetch(`${server.url}/cut`, {
      method: 'POST',
      body: '{}',
      signal: late.signal,
    });
    const reading = readAll(response.body!);
    late.abort();
    await expect(reading).rejects.toThrow();
  });

  it('rejects when nothing listens on the port', async () => {
    await expect(nodeFetch(`http://127.0.0.1:${await unusedPort()}/`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('sends a multipart body through the global fetch', async () => {
    server.handle = (request, body, response) =>
      response.end(
        JSON.stringify({ type: request.headers['content-type'], hasFile: body.includes('hello') }),
      );
    const form = new FormData();
    form.append('file', new Blob(['hello']), 'a.txt');
    const response = await nodeFetch(`${server.url}/upload`, { method: 'POST', body: form });
    const seen = (await response.json()) as { type: string; hasFile: boolean };
    expect(seen.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.hasFile).toBe(true);
  });
});
