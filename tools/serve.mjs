#!/usr/bin/env node
// A tiny static server for the built site: `node tools/serve.mjs <dir> <port>`.
// Binds 127.0.0.1 only, sends the MIME types the site needs (application/wasm lets the browser
// compile engine.wasm while it downloads) and a strict Content-Security-Policy, refuses paths
// outside <dir>. Port 0 picks a free port; the URL it listens on is printed either way.
// `--watch [--content DIR]` adds the live preview (tools/live-preview.mjs): DIR's lessons/ and
// widgets/ (default: this checkout's) are watched and each change is checked and put into <dir>.
// The server itself is tools/lib/site-server.mjs (also used by the site build, the bench and the
// tests); this file is only the command line.
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSiteServer } from './lib/site-server.mjs';

const usage = () => {
  console.error('usage: node tools/serve.mjs <dir> <port> [--watch [--content DIR]]');
  process.exit(2);
};
let args;
try {
  args = parseArgs({ allowPositionals: true, options: { watch: { type: 'boolean' }, content: { type: 'string' } } });
} catch (e) {
  console.error(`serve: ${e.message}`);
  usage();
}
const [dir, portText = '8080', ...extra] = args.positionals;
const port = Number(portText);
if (!dir || extra.length || !Number.isInteger(port) || port < 0 || port > 65535) usage();
if (args.values.content && !args.values.watch) {
  console.error('serve: --content is for --watch (the folder whose lessons/ and widgets/ are watched)');
  process.exit(2);
}
const info = await stat(dir).catch(() => null);
if (!info?.isDirectory()) {
  console.error(`serve: ${dir} is not a folder (build the site first: npm run build)`);
  process.exit(1);
}
let live = null;
if (args.values.watch) {
  const contentDir = resolve(args.values.content ?? new URL('..', import.meta.url).pathname);
  const { LivePreview } = await import('./live-preview.mjs');
  live = new LivePreview({ siteDir: await realpath(resolve(dir)), contentDir });
  await live.start();
}
const server = createSiteServer(dir, { live });
server.on('error', (e) => {
  console.error(`serve: ${e.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`serving ${resolve(dir)} at http://127.0.0.1:${server.address().port}/${live ? ' (live preview: pages reload when a lesson or widget file changes)' : ''}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    live?.stop();
    server.close(() => process.exit(0));
    server.closeAllConnections();  // browsers keep connections open
  });
}
