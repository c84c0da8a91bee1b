// Types for sse-parser.js, so the TypeScript tests under test/ can import it.
export interface SseFrame {
  event: string;
  data: string;
  id: string;
}

export class SseParser {
  lastEventId: string;
  retry: number | null;
  push(text: string): SseFrame[];
}

export function readEventStream(
  response: Response,
  onFrame: (frame: SseFrame) => void,
  parser?: SseParser,
): Promise<SseParser>;

export function frameJson(frame: SseFrame): unknown;
