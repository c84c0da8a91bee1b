#!/usr/bin/env node
// The `hark` command. npm links bins at install time, before anything is built, so the link
// points at this file (which a clone already has) rather than at dist/: `npx hark` then works
// as soon as `npm run build` (or `npm start`) has built the CLI.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js'))
    throw error;
  process.stderr.write('hark: the CLI is not built yet; run `npm run build` (or `npm start`) first\n');
  process.exit(2);
}
await cli.runAsProgram();
