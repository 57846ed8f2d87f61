// The live preview behind `tools/lab serve` (tools/serve.mjs --watch): watches a content folder's
// lessons/ and widgets/ (their data CSVs included) and, when a file changes, checks it with the
// site's own engine and puts it into the built site, with its pre-parse (web/scripts/
// site-content.mjs, the code the build uses). No wasm or Vite rebuild. Open pages hear about it
// over Server-Sent Events (/__lab/events) through a small same-origin script (/__lab/live.js,
// the site's CSP allows no inline script): a good change reloads them, a bad one shows an
// overlay naming file:line:col, also printed here. A bad file is never copied: the site keeps
// the last good version, and a file is replaced whole (written aside, then renamed), so a page
// never gets half of one. The static lesson pages (lesson-<id>.html, web/scripts/static-
// lessons.mjs) are written again after every change to a lesson or the catalog, with the
// renderer the site was built with, and they keep the build's answers mark (data-answers) until
// a widget file or its data changes; a site built without a renderer gets none, and lesson
// pages render in the browser as lesson.html does.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, watch } from 'node:fs';
import { join, posix, sep } from 'node:path';
import { forgetParsed, isLessonFile, loadSiteEngine, parseCatalogRecord, parseLessonRecord, storeParsed, writeAtomic } from '../web/scripts/site-content.mjs';
import { dropAnswers } from '../web/scripts/record-answers.mjs';
import { ANSWERS_DIR, RENDERER, loadRenderer, writeLessonPages } from '../web/scripts/static-lessons.mjs';

export const EVENTS_PATH = '/__lab/events';
export const CLIENT_PATH = '/__lab/live.js';
const CLIENT_FILE = new URL('./live-preview-client.js', import.meta.url);
const WATCHED = ['lessons', 'widgets'];
/** Editors save in several steps (truncate, write, rename): wait for them to settle (ms). */
const SETTLE_MS = 150;

/** "file:line:col: error: field: message" for an engine diagnostic, with the content path. */
function describe(path, d) {
  const where = [path, d.line || '', d.line && d.column ? d.column : ''].filter(Boolean).join(':');
  return `${where}: ${d.severity ?? 'error'}: ${d.field ? `${d.field}: ` : ''}${d.message}`;
}

export class LivePreview {
  constructor({ siteDir, contentDir, log = console }) {
    this.siteDir = siteDir;
    this.contentDir = contentDir;
    this.log = log;
    /** Content path -> its problems (lines): files the site still has the last good version of. */
    this.problems = new Map();
    /** Changes whenever the site's content does; a page that saw another version reloads. */
    this.boot = randomUUID().slice(0, 8);
    this.changes = 0;
    this.clients = new Set();
    this.timers = new Map();
    this.queue = Promise.resolve();
  }

  get version() { return `${this.boot}-${this.changes}`; }

  /** Starts the engine, brings the site's content in line with the folder, then watches. */
  async start() {
    this.engine = await loadSiteEngine(this.siteDir);
    this.renderer = loadRenderer();
    if (!this.renderer) this.log.log(`live preview: no static lesson pages (${RENDERER} is missing: npm run build); lessons render in the browser`);
    for (const top of WATCHED) for (const path of this.files(top)) this.update(path, { quiet: true });
    await this.writePages();
    this.watchers = new Map();
    for (const top of WATCHED) if (existsSync(join(this.contentDir, top))) this.watchFolder(top);
    this.heartbeat = setInterval(() => { for (const res of this.clients) res.write(': keep-alive\n\n'); }, 15000);
    this.log.log(`live preview: watching ${WATCHED.map((t) => join(this.contentDir, t)).join(' and ')}${this.problems.size ? ` (${this.problems.size} file(s) with errors, see above)` : ''}`);
  }

  /** Watches one folder and, as they appear, its subfolders: one plain watcher per folder.
   *  (Node's recursive watcher on Linux loses a file once an editor saves it by renaming a
   *  new copy over it, the usual safe save: later saves went unseen.) */
  watchFolder(dir) {
    if (this.watchers.has(dir) || dir.split('/').some((part) => part.startsWith('.'))) return;
    const watcher = watch(join(this.contentDir, dir), (_event, name) => {
      if (!name) return;
      const path = `${dir}/${name.toString().split(sep).join('/')}`;
      let folder = false;
      try {
        folder = statSync(join(this.contentDir, path)).isDirectory();
      } catch { /* removed: update() drops it from the site */ }
      if (folder) {
        for (const inside of this.files(path)) this.changed(inside);
        this.watchFolder(path);
      } else {
        this.changed(path);
      }
    });
    watcher.on('error', () => { watcher.close(); this.watchers.delete(dir); });  // the folder went away
    this.watchers.set(dir, watcher);
    for (const entry of readdirSync(join(this.contentDir, dir), { withFileTypes: true }))
      if (entry.isDirectory()) this.watchFolder(`${dir}/${entry.name}`);
  }

  stop() {
    for (const w of this.watchers?.values() ?? []) w.close();
    clearInterval(this.heartbeat);
    for (const t of this.timers.values()) clearTimeout(t);
    for (const res of this.clients) res.end();
  }

  files(top) {
    const walk = (dir) => readdirSync(join(this.contentDir, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]);
    return existsSync(join(this.contentDir, top)) ? walk(top) : [];
  }

  /** A watch event: handled once the file has been quiet for SETTLE_MS, one file at a time. */
  changed(path) {
    if (path.split('/').some((part) => part.startsWith('.') || part.endsWith('~'))) return;  // editors' temporary files
    clearTimeout(this.timers.get(path));
    this.timers.set(path, setTimeout(() => {
      this.timers.delete(path);
      this.queue = this.queue.then(async () => {
        const changed = this.update(path);
        // The pages first, then the reload: an open page comes back with the new text.
        if (changed && path.startsWith('lessons/')) await this.writePages();
        if (changed) this.publish(true);
      }).catch((e) => this.log.error(`live preview: ${path}: ${e.message}`));
    }, SETTLE_MS));
  }

  /** Checks one content file and, if it is good, puts it into the site (true when the site
   *  changed); a bad one is reported to the pages at once. */
  update(path, { quiet = false } = {}) {
    const source = join(this.contentDir, path);
    const target = join(this.siteDir, path);
    let bytes;
    try {
      bytes = readFileSync(source);
    } catch {
      if (existsSync(source)) return;  // a folder
      // Removed (or renamed away): the site drops it too.
      if (!existsSync(target)) return;
      rmSync(target, { force: true });
      this.dropAnswers(path);
      forgetParsed(this.siteDir, path);
      this.problems.delete(path);
      this.log.log(`live preview: ${path} removed`);
      return true;
    }
    const parsed = this.check(path, bytes);
    if (parsed.problems.length) {
      this.problems.set(path, parsed.problems);
      for (const line of parsed.problems) this.log.error(line);
      this.log.error(`live preview: ${path} not updated; the site keeps its last good version`);
      this.publish(false);
      return false;
    }
    const fixed = this.problems.delete(path);
    // Saved again unchanged (or already in the site at start): nothing to reload for.
    const same = existsSync(target) && readFileSync(target).equals(bytes);
    if (same && !fixed) return false;
    writeAtomic(target, bytes);
    this.dropAnswers(path);
    if (parsed.record) storeParsed(this.siteDir, path, parsed.record);
    if (!quiet) this.log.log(`live preview: ${path} updated${fixed ? ' (its errors are fixed)' : ''}`);
    return true;
  }

  /** A widget file or its data changed: the engine answers the build recorded for the lesson
   *  pages (web/src/runtime/answer-book.ts) may be stale, so the pages ask the engine again.
   *  (A changed lesson needs nothing: an answer serves only the exact request it was made for,
   *  and a lesson names its widget files, it does not change what they compute.) */
  dropAnswers(path) {
    // A widget's text in another language (widgets/i18n/) changes no result.
    if (!path.startsWith('widgets/') || path.startsWith('widgets/i18n/') || !existsSync(join(this.siteDir, ANSWERS_DIR))) return;
    dropAnswers(this.siteDir);
    this.log.log('live preview: the build\'s recorded widget results are dropped (a widget file or its data changed); pages compute them');
  }

  /** Every static lesson page written again from the site's parsed lessons (they link each
   *  other and show the catalog's titles, so one change can touch them all), each marked with
   *  the build's answers while the site still has them (static-lessons.mjs). A failure leaves
   *  no pages: lesson pages then render in the browser. */
  async writePages() {
    try {
      await writeLessonPages(this.siteDir, this.renderer);
    } catch (e) {
      this.log.error(`live preview: the static lesson pages could not be written (${e.message}); lessons render in the browser`);
      await writeLessonPages(this.siteDir, null).catch(() => undefined);
    }
  }

  /** The engine's verdict on a content file: its problems (lines naming file:line:col) and, for
   *  a lesson or the catalog, the parse the site stores with it. */
  check(path, bytes) {
    const name = path.split('/').pop();
    const errors = (diagnostics = []) => diagnostics.filter((d) => d.severity === 'error').map((d) => describe(path, d));
    if (path === 'lessons/index.json') {
      const record = parseCatalogRecord(this.engine, bytes);
      const problems = errors(record.answer.diagnostics);
      if (!record.answer.catalog && !problems.length) problems.push(`${path}: error: the engine read no catalog`);
      return { problems, record };
    }
    if (path.startsWith('lessons/') && isLessonFile(name)) {
      const record = parseLessonRecord(this.engine, bytes, name);
      const problems = errors(record.answer.diagnostics);
      if (!record.answer.lesson && !problems.length) problems.push(`${path}: error: ${record.answer.error?.message ?? 'the engine read no lesson'}`);
      return { problems, record };
    }
    const text = new TextDecoder().decode(bytes);
    if (path.startsWith('widgets/i18n/') && name.endsWith('.json')) return { problems: this.checkWidgetText(path, text) };
    if (path.startsWith('widgets/') && name.endsWith('.json')) {
      const answer = JSON.parse(this.engine.validateWidget(text, name));
      const problems = errors(answer.diagnostics);
      if (!answer.ok && !problems.length) problems.push(`${path}: error: ${answer.error?.message ?? 'not a valid widget file'}`);
      return { problems };
    }
    if (name.endsWith('.csv')) {
      const answer = JSON.parse(this.engine.previewCsv(text, name));
      return { problems: answer.ok ? [] : [describe(path, { severity: 'error', ...answer.error })] };
    }
    return { problems: [] };  // READMEs, images: copied as they are
  }

  /** A widget's text in another language (widgets/i18n/STEM.LANG.json): what `tools/lab
   *  validate` says of it (every string translated, placeholders kept), as error lines, from the
   *  site's engine checking it against the widget file its "widget" field names. */
  checkWidgetText(path, text) {
    let widget = null;
    try {
      widget = JSON.parse(text)?.widget;
    } catch {
      // not JSON: the engine says where
    }
    const widgetPath = typeof widget === 'string' ? posix.normalize(posix.join(posix.dirname(path), widget)) : null;
    const widgetFile = widgetPath && !widgetPath.startsWith('..') ? join(this.contentDir, widgetPath) : null;
    if (widgetPath && (!widgetFile || !existsSync(widgetFile))) {
      return [`${path}: error: widget: widget file ${JSON.stringify(widget)} not found (looked for ${widgetPath})`];
    }
    const widgetText = widgetFile ? readFileSync(widgetFile, 'utf8') : '';
    const answer = JSON.parse(this.engine.validateWidgetText(text, path.split('/').pop(), widgetText, widgetPath ?? 'the widget file'));
    const problems = (answer.diagnostics ?? []).filter((d) => d.severity === 'error').map((d) => describe(path, d));
    if (!answer.ok && !problems.length) problems.push(`${path}: error: ${answer.error?.message ?? 'not a valid widget text file'}`);
    return problems;
  }

  publish(changed) {
    if (changed) this.changes++;
    const message = `data: ${JSON.stringify(this.state())}\n\n`;
    for (const res of this.clients) res.write(message);
  }

  state() {
    return { version: this.version, problems: [...this.problems].map(([file, lines]) => ({ file, lines })) };
  }

  /** Serves /__lab/events and /__lab/live.js; false for every other request. */
  handle(req, res) {
    const pathname = (req.url ?? '/').split(/[?#]/, 1)[0];
    if (pathname === CLIENT_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(readFileSync(CLIENT_FILE));
      return true;
    }
    if (pathname !== EVENTS_PATH) return false;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(`retry: 1000\ndata: ${JSON.stringify(this.state())}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
    return true;
  }

  /** The page with the client script added: same origin, so the strict CSP lets it run. */
  inject(html) {
    const tag = `<script type="module" src="${CLIENT_PATH}?v=${this.version}"></script>`;
    return html.includes('</head>') ? html.replace('</head>', `${tag}\n</head>`) : `${html}${tag}\n`;
  }
}

