import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  defaultWeather,
  type StandInPlace,
  type StandInWeather,
  standInPlaces,
} from './open-meteo-fixtures.js';
import { forecastBody, forecastParameterProblem } from './open-meteo-forecast.js';

/**
 * A local Open-Meteo: real HTTP on 127.0.0.1, real JSON shapes for /v1/search (geocoding) and
 * /v1/forecast, fixture places and weather. Tests point WEATHER_API_URL and GEOCODING_API_URL
 * at it, read what it was asked (caching, single-flight), and make it fail on purpose.
 */

export type OpenMeteoPath = '/v1/search' | '/v1/forecast';

/** How a path misbehaves until told otherwise. */
export type StandInFault =
  | { kind: 'status'; status: number }
  /** Open-Meteo's own error body: `{"error": true, "reason": "..."}` with status 400. */
  | { kind: 'open-meteo-error'; reason: string }
  /** Answers normally, but only after this long (to trip the client's timeout). */
  | { kind: 'delay'; ms: number }
  | { kind: 'malformed-json' }
  /** Valid JSON that is not Open-Meteo's shape. */
  | { kind: 'wrong-shape' };

export interface RecordedRequest {
  path: string;
  params: Record<string, string>;
}

export interface OpenMeteoStandIn {
  /** Base URL, e.g. http://127.0.0.1:41234; serves both APIs. */
  url: string;
  requests: RecordedRequest[];
  requestsTo(path: OpenMeteoPath): RecordedRequest[];
  /** Weather at these coordinates (compared rounded to 2 decimals, as clients should ask). */
  setWeather(latitude: number, longitude: number, weather: StandInWeather): void;
  fault(path: OpenMeteoPath, fault: StandInFault | null): void;
  /** Forgets recorded requests, faults and weather overrides. */
  reset(): void;
  close(): Promise<void>;
}

export interface OpenMeteoStandInOptions {
  /** The instant "today" is computed from, per place; tests pass their fixed clock. */
  now?: () => Date;
}

const coordinateKey = (latitude: number, longitude: number) =>
  `${latitude.toFixed(2)},${longitude.toFixed(2)}`;

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

export async function startOpenMeteoStandIn(
  options: OpenMeteoStandInOptions = {},
): Promise<OpenMeteoStandIn> {
  const now = options.now ?? (() => new Date());
  const requests: RecordedRequest[] = [];
  const faults = new Map<string, StandInFault>();
  const weather = new Map<string, StandInWeather>();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const params = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, params });
    const fault = faults.get(url.pathname);
    const answer = () => route(url.pathname, params, response);
    if (fault?.kind === 'delay') setTimeout(answer, fault.ms);
    else if (fault) sendFault(fault, response);
    else answer();
  });

  function route(path: string, params: Record<string, string>, response: ServerResponse): void {
    if (path === '/v1/search') sendJson(response, 200, searchBody(params));
    else if (path === '/v1/forecast') forecast(params, response);
    else sendJson(response, 404, { error: true, reason: 'Not Found' });
  }

  function forecast(params: Record<string, string>, response: ServerResponse): void {
    const problem = forecastParameterProblem(params);
    if (problem) {
      sendJson(response, 400, { error: true, reason: problem });
      return;
    }
    const latitude = Number(params.latitude);
    const longitude = Number(params.longitude);
    const key = coordinateKey(latitude, longitude);
    const at = standInPlaces.find((p) => coordinateKey(p.latitude, p.longitude) === key);
    const conditions = weather.get(key) ?? defaultWeather();
    sendJson(response, 200, forecastBody(params, { latitude, longitude }, at, conditions, now()));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    setWeather: (latitude, longitude, conditions) =>
      weather.set(coordinateKey(latitude, longitude), conditions),
    fault: (path, fault) => (fault ? faults.set(path, fault) : faults.delete(path)),
    reset() {
      requests.length = 0;
      faults.clear();
      weather.clear();
    },
    async close() {
      // Delayed answers would keep the server open for their whole delay.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Geocoding: places whose name starts with the query, as many as `count`; no `results` key when none. */
function searchBody(params: Record<string, string>): Record<string, unknown> {
  const query = fold(params.name ?? '');
  const count = Math.min(Number(params.count ?? 10) || 10, 100);
  const found = query.length < 2 ? [] : standInPlaces.filter((p) => fold(p.name).startsWith(query));
  const results = found.slice(0, count).map(toSearchResult);
  return results.length > 0 ? { results, generationtime_ms: 0.4 } : { generationtime_ms: 0.4 };
}

function toSearchResult({ utcOffsetSeconds: _offset, ...place }: StandInPlace): Record<string, unknown> {
  return { ...place, country_id: place.id + 1, admin1_id: place.id + 2 };
}

function sendFault(fault: Exclude<StandInFault, { kind: 'delay' }>, response: ServerResponse): void {
  if (fault.kind === 'malformed-json') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"latitude": 48.86, "current": {"temperature_2m": ');
  } else if (fault.kind === 'wrong-shape') {
    sendJson(response, 200, { hello: 'world', results: 'not a list' });
  } else if (fault.kind === 'open-meteo-error') {
    sendJson(response, 400, { error: true, reason: fault.reason });
  } else {
    sendJson(response, fault.status, { error: true, reason: `Stand-in status ${fault.status}` });
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
