// Types for install.mjs, so TypeScript tests can import it.
export function installReason(root?: string): string | null;
export function ensureInstalled(root?: string): Promise<void>;
export function build(root?: string): Promise<void>;
