// `npm run screenshots`: copies the e2e run's screenshots (build/e2e-artifacts/, whole-page
// captures excluded) to docs/screenshots/, where the README shows them. A separate step, so
// that every test run does not rewrite tracked images (their run times differ each time).
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const from = join(root, 'build/e2e-artifacts');
const to = join(root, 'docs/screenshots');
if (!existsSync(from)) {
  console.error('no build/e2e-artifacts: run npm run test:e2e first');
  process.exit(1);
}
mkdirSync(to, { recursive: true });
const shots = readdirSync(from).filter((f) => f.endsWith('.png') && !f.endsWith('-full.png'));
for (const f of shots) copyFileSync(join(from, f), join(to, f));
console.log(`copied ${shots.length} screenshots to docs/screenshots/: ${shots.join(', ')}`);
