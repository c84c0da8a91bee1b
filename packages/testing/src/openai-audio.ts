import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The audio half of the OpenAI stand-in: `POST /v1/audio/transcriptions` (multipart/form-data with
 * `file` and `model`, answered `{"text": …}`) and `POST /v1/audio/speech` (JSON, answered with
 * audio/mpeg bytes), as the real API does.
 */

export const STAND_IN_DEFAULT_TRANSCRIPT = 'what time is it';

export type RecordedAudioRequest =
  | {
      kind: 'transcription';
      path: string;
      model: string;
      filename: string;
      fileBytes: number;
      fileType: string;
      authorization: string | undefined;
    }
  | {
      kind: 'speech';
      path: string;
      model: string;
      input: string;
      voice: string;
      responseFormat: string | undefined;
      authorization: string | undefined;
    };

/** What the stand-in answers for audio, and what it saw. */
export interface AudioScript {
  transcript: string;
  requests: RecordedAudioRequest[];
}

/** Fake MP3 bytes: an ID3 tag, then the text, so a test can tell which text was spoken. */
export const standInSpeechBytes = (input: string, voice: string) =>
  Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000', 'latin1'), Buffer.from(`${voice}:${input}`, 'utf8')]);

export const isAudioPath = (path: string) =>
  path.endsWith('/audio/transcriptions') || path.endsWith('/audio/speech');

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

type Reply = { status: number; type: string; body: Buffer | string };
const invalid = (message: string): Reply => ({
  status: 400,
  type: 'application/json',
  body: JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: null } }),
});

async function transcribe(request: IncomingMessage, path: string, script: AudioScript): Promise<Reply> {
  const body = await readBody(request);
  // The web Request parses multipart exactly as a server framework would, boundary and all.
  const form = await new Request('http://stand-in/', {
    method: 'POST',
    headers: { 'content-type': request.headers['content-type'] ?? '' },
    body,
  })
    .formData()
    .catch(() => null);
  const file = form?.get('file');
  const model = form?.get('model');
  if (!(file instanceof File) || typeof model !== 'string') return invalid('file and model are required');
  script.requests.push({
    kind: 'transcription',
    path,
    model,
    filename: file.name,
    fileBytes: file.size,
    fileType: file.type,
    authorization: request.headers.authorization,
  });
  return { status: 200, type: 'application/json', body: JSON.stringify({ text: script.transcript }) };
}

async function speak(request: IncomingMessage, path: string, script: AudioScript): Promise<Reply> {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse((await readBody(request)).toString('utf8')) as Record<string, unknown>;
  } catch {
    return invalid('the body is not JSON');
  }
  const { model, input, voice, response_format: responseFormat } = body;
  if (typeof model !== 'string' || typeof input !== 'string' || typeof voice !== 'string')
    return invalid('model, input and voice are required');
  script.requests.push({
    kind: 'speech',
    path,
    model,
    input,
    voice,
    responseFormat: typeof responseFormat === 'string' ? responseFormat : undefined,
    authorization: request.headers.authorization,
  });
  return { status: 200, type: 'audio/mpeg', body: standInSpeechBytes(input, voice) };
}

/** Answers one audio request (the caller checked `isAudioPath`). */
export async function handleAudio(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  script: AudioScript,
): Promise<void> {
  const reply = path.endsWith('/audio/transcriptions')
    ? await transcribe(request, path, script)
    : await speak(request, path, script);
  response.writeHead(reply.status, { 'content-type': reply.type });
  response.end(reply.body);
}
