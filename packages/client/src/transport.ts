import { apiErrorOf, HarkNetworkError, HarkTimeoutError } from './errors.js';

export interface HarkClientOptions {
  /** Where the router listens, e.g. http://127.0.0.1:3000; one base URL reaches every public and admin path. */
  baseUrl: string;
  /** A user API key, for the /v1 routes. */
  apiKey?: string;
  /** The operator token, for the /admin routes. */
  adminToken?: string;
  /** Sent as x-operator on admin calls, so the audit log names a person. */
  operator?: string;
  /** Injected transport (tests, proxies); the global fetch by default. */
  fetch?: typeof fetch;
  /**
   * Bound on one call: until the whole JSON answer is in, or until a stream's headers are
   * (a stream then runs until it ends or is aborted). Default 30 s.
   */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export type Credential = 'user' | 'admin';
export type Query = Record<string, string | number | boolean | undefined>;

export interface CallOptions {
  /** Aborts the call; the signal's reason is thrown as is. */
  signal?: AbortSignal;
}

export interface HttpRequest extends CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  auth: Credential;
  query?: Query;
  body?: unknown;
  accept?: string;
  headers?: Record<string, string>;
}

/** A response whose body is still to be read, and the way to stop reading it. */
export interface OpenResponse {
  response: Response;
  /** Ends the request (a stream the caller no longer wants). */
  abort(): void;
}

/** The one place requests are built, sent and turned into errors; the API modules only name paths. */
export class Transport {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly baseUrl: string;

  constructor(private readonly options: HarkClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  url(path: string, query?: Query): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) search.set(name, String(value));
    }
    const suffix = search.size > 0 ? `?${search}` : '';
    return `${this.baseUrl}${path}${suffix}`;
  }

  /** The parsed JSON answer of a call (undefined for 204); throws HarkApiError on an error status. */
  async json<T>(request: HttpRequest): Promise<T> {
    return this.withTimeout(request, async (response) => {
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    });
  }

  /** The text answer of a call (CSV exports). */
  async text(request: HttpRequest): Promise<string> {
    return this.withTimeout(request, (response) => response.text());
  }

  /** Sends the request and hands back the response once its headers are in; the body is not bounded in time. */
  async open(request: HttpRequest): Promise<OpenResponse> {
    const controller = new AbortController();
    const unlink = linkAbort(request.signal, controller);
    try {
      const response = await this.send(request, controller);
      return {
        response,
        abort: () => {
          unlink();
          controller.abort();
        },
      };
    } catch (error) {
      unlink();
      throw error;
    }
  }

  private async withTimeout<T>(request: HttpRequest, read: (response: Response) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const unlink = linkAbort(request.signal, controller);
    // One deadline for the headers and the body.
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.send(request, controller);
      return await read(response).catch((error: unknown) => {
        throw this.failure(error, this.url(request.path, request.query), request.signal, controller);
      });
    } finally {
      clearTimeout(timer);
      unlink();
    }
  }

  /** Sends the request; until the headers are in, the timeout applies (the caller may extend it to the body). */
  private async send(request: HttpRequest, controller: AbortController): Promise<Response> {
    const url = this.url(request.path, request.query);
    request.signal?.throwIfAborted();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetch(url, {
        method: request.method ?? 'GET',
        headers: this.headers(request),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
      });
    } catch (error) {
      throw this.failure(error, url, request.signal, controller);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) throw await apiErrorOf(response);
    return response;
  }

  /** Tells the caller's abort, our timeout and a network failure apart. */
  private failure(error: unknown, url: string, signal: AbortSignal | undefined, controller: AbortController) {
    if (signal?.aborted) return signal.reason;
    if (controller.signal.aborted) return new HarkTimeoutError(url, this.timeoutMs);
    if (error instanceof TypeError || isSystemError(error)) {
      return new HarkNetworkError(`could not reach ${url}`, url, { cause: error });
    }
    return error;
  }

  private headers(request: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = { accept: request.accept ?? 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const secret = request.auth === 'admin' ? this.options.adminToken : this.options.apiKey;
    if (secret) headers.authorization = `Bearer ${secret}`;
    if (request.auth === 'admin' && this.options.operator) headers['x-operator'] = this.options.operator;
    return { ...headers, ...request.headers };
  }
}

/** Errors of the socket layer that fetch passes through while a body is read (ECONNRESET, ...). */
const isSystemError = (error: unknown): boolean =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';

/** Forwards the caller's abort to our controller; returns the way to stop forwarding. */
function linkAbort(signal: AbortSignal | undefined, controller: AbortController): () => void {
  if (!signal) return () => undefined;
  const forward = () => controller.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  return () => signal.removeEventListener('abort', forward);
}
