// The MkDocs (Material) and Sphinx example sites in examples/, built by Debian's generators
// with `tools/lab pack`'s folder copied in, embed both widgets through the generator's own
// raw-HTML facility. In Chromium: both widgets run, nothing logs an error, the host's broad
// !important CSS (examples/*/host.css) does not reach inside them, and the two widgets on the
// page share one pool of engine workers. Each site is built once per run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { pack } from '../../tools/pack.mjs';
import { createSiteServer } from '../../tools/lib/site-server.mjs';
import { launchChromium, ROOT, runResult } from './harness.mjs';

const WORK = mkdtempSync(join(tmpdir(), 'lab-site-generators-'));
const FIXTURES = join(ROOT, 'tests/e2e/fixtures/widgets');

// The pages name the course's widget files; the small fixture files stand in for them under
// those names so that a run takes well under a second (the embedding is what is tested).
function copyWidgets(to) {
  cpSync(join(FIXTURES, 'data'), join(to, 'data'), { recursive: true });
  cpSync(join(FIXTURES, 'tiny-optimization-lab.json'), join(to, 'optimization_lab.titanic.json'));
  cpSync(join(FIXTURES, 'tiny-tradeoff.json'), join(to, 'performance_tradeoff.titanic.json'));
}

function build(command, args, cwd) {
  const out = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (out.error?.code === 'ENOENT') throw new Error(`${command} is not installed (tools/setup.sh installs it)`);
  assert.equal(out.status, 0, `${command} ${args.join(' ')} failed:\n${out.stderr}`);
}

const SITES = {
  mkdocs: {
    lab: 'lab',
    // MkDocs copies docs/ as it is; lab/ and widgets/ sit beside index.md.
    prepare(src) {
      cpSync(packed.folder, join(src, 'docs/lab'), { recursive: true });
      copyWidgets(join(src, 'docs/widgets'));
      build('mkdocs', ['build', '--strict', '--site-dir', join(src, 'out')], src);
      return join(src, 'out');
    },
  },
  sphinx: {
    lab: '_static/lab',
    // html_static_path copies _static/ (with lab/ and widgets/) into the built site.
    prepare(src) {
      cpSync(packed.folder, join(src, '_static/lab'), { recursive: true });
      copyWidgets(join(src, '_static/widgets'));
      build('sphinx-build', ['-q', '-W', '-b', 'html', src, join(src, 'out')], src);
      return join(src, 'out');
    },
  },
};

let packed;
let browser;
before(async () => {
  packed = pack({ out: join(WORK, 'pack'), site: join(ROOT, 'build/site') });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  rmSync(WORK, { recursive: true, force: true });
});

for (const [name, site] of Object.entries(SITES)) {
  describe(`${name} example site`, () => {
    let server;
    let url;
    before(async () => {
      const src = join(WORK, name);
      cpSync(join(ROOT, 'examples', name), src, { recursive: true });
      server = createSiteServer(site.prepare(src), { csp: false });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${server.address().port}/index.html`;
    });
    after(() => server?.close());

    test('both widgets run on the page\'s one pool of engine workers, untouched by the host CSS, with no errors', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors = [];
      const workers = [];
      page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
      page.on('worker', (worker) => {
        workers.push(worker.url());
        worker.on('console', (msg) => { if (msg.type() === 'error') errors.push(`worker: ${msg.text()}`); });
      });
      // Sphinx's alabaster has no favicon; the browser's own request for it is not the widgets'.
      await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
      await page.goto(url);

      for (const tag of ['optimization-lab', 'performance-tradeoff-explorer']) {
        const runButton = page.locator(`${tag} button.run:not([disabled])`).first();
        await runButton.waitFor({ timeout: 20_000 });
        const detail = await runResult(page, tag, () => runButton.click());
        assert.ok(detail.result && typeof detail.result === 'object', `${tag}: a result`);
      }
      // MkDocs Material starts its own search worker; the lab's are the engine worker (or a blob: start-up module).
      // Both widgets share the page's one pool: at most a worker per core (the lab's path + CV
      // run is split across them), all of them the site's own worker script.
      const engineWorkers = workers.filter((w) => w.includes('lab-engine-worker') || w.startsWith('blob:'));
      const cores = await page.evaluate(() => Math.min(4, navigator.hardwareConcurrency || 1));
      assert.ok(engineWorkers.length >= 1 && engineWorkers.length <= cores,
        `one pool of at most ${cores} engine workers for both widgets (workers started: ${workers.join(', ')})`);
      assert.deepEqual([...new Set(engineWorkers)], [new URL(`${site.lab}/lab-engine-worker.js`, url).href]);

      // The host's rules hit its own buttons; inside the shadow trees the widgets keep their look.
      const looks = await page.evaluate(() => ['optimization-lab', 'performance-tradeoff-explorer'].map((tag) => {
        const button = document.querySelector(tag).shadowRoot.querySelector('button.run');
        const s = getComputedStyle(button);
        return { tag, font: s.fontFamily, color: s.color, width: button.getBoundingClientRect().width };
      }));
      for (const look of looks) {
        assert.doesNotMatch(look.font, /Comic Sans/, `${look.tag}: host font leaked in`);
        assert.notEqual(look.color, 'rgb(255, 0, 255)', `${look.tag}: host colour leaked in`);
        assert.ok(look.width > 20, `${look.tag}: run button squeezed to ${look.width}px by the host CSS`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}
