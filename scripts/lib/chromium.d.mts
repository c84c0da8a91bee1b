// Types for chromium.mjs, so TypeScript tests can import it.
export const CHROMIUM_PATH: string;
export const INSTALL_COMMAND: string;
export function chromiumPlan(facts: {
  exists: boolean;
  isRoot: boolean;
  hasAptGet: boolean;
}): 'present' | 'install' | 'missing';
export function missingChromiumMessage(chromiumPath?: string): string;
export function ensureChromium(options?: {
  /** Default: $CHROMIUM_PATH, else /usr/bin/chromium. */
  chromiumPath?: string;
  env?: Record<string, string | undefined>;
  log?: (message: string) => void;
}): Promise<void>;
