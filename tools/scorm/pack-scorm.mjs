// tools/lab pack --scorm LESSON_ID [--out DIR] [--site DIR]: one lesson as a SCORM 1.2 package,
// DIR/LESSON_ID.scorm12.zip (default DIR build/pack), for any LMS (docs/lms.md). It holds
// imsmanifest.xml at its root and the files of the built site the lesson's static page loads
// (lesson-files.mjs), the page marked as packaged (data-lab-package on <html>: it then leaves
// the offline cache to the LMS) and with no link out of the package (package-links.mjs). Two
// packs of the same build are the same bytes (every file dated alike, one order). The zip is made by Debian's zip and checked as written
// (check-manifest.mjs) before it is put in place. Bad input is one line on stderr and exit 1
// (a usage mistake: exit 2); nothing is written then: the package is assembled in a temporary
// folder and renamed into DIR only once it passed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST, checkManifest, readPackage } from './check-manifest.mjs';
import { LessonFilesError, lessonFiles } from './lesson-files.mjs';
import { scormManifest } from './manifest.mjs';
import { unlinkOutside } from './package-links.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const USAGE = 'usage: tools/lab pack --scorm LESSON_ID [--out DIR] [--site DIR]';

/** Input the packer refuses: one line; `code` is the exit status. */
export class ScormRefusal extends Error {
  constructor(message, code = 1) {
    super(message);
    this.code = code;
  }
}
/** The date every file in the zip carries, so that the same build packs to the same bytes: the
 *  build's SOURCE_DATE_EPOCH (seconds) when set, else 1980-01-01T00:00:00Z. Zip's DOS dates start
 *  in 1980 and count two seconds at a time, so an earlier time is the same date and an odd second
 *  rounds down. */
export function packageDate(env = process.env) {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const floor = Date.UTC(1980, 0, 1) / 1000;
  const seconds = env.SOURCE_DATE_EPOCH?.trim() && Number.isFinite(epoch) ? Math.max(floor, Math.floor(epoch / 2) * 2) : floor;
  return new Date(seconds * 1000);
}

const refuse = (message, code) => { throw new ScormRefusal(message, code); };
const show = (path) => { const r = relative(process.cwd(), path); return r.startsWith('..') ? path : r || '.'; };

export function parseScormArgs(args) {
  const out = { id: null, out: join(ROOT, 'build/pack'), site: null };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (!['--scorm', '--out', '--site'].includes(flag)) refuse(`unknown argument '${args[i]}' (${USAGE})`, 2);
    const value = inline ?? args[++i];
    if (!value || value.startsWith('--')) refuse(`${flag} needs ${flag === '--scorm' ? 'a lesson id' : 'a folder'} (${USAGE})`, 2);
    if (flag === '--scorm') out.id = value;
    else out[flag.slice(2)] = resolve(value);
  }
  if (!out.id) refuse(`--scorm needs a lesson id (${USAGE})`, 2);
  return out;
}

/** The catalog's entry for `id`; an id it does not list (or lists without a file) is refused,
 *  naming the catalog and the ids it has. */
function catalogEntry(catalogPath, id) {
  let catalog;
  try {
    catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
  } catch (e) {
    refuse(`${show(catalogPath)}: cannot be read (${e.code ?? e.message})`);
  }
  const lessons = Array.isArray(catalog?.lessons) ? catalog.lessons : [];
  const available = lessons.filter((l) => l.available !== false).map((l) => l.id);
  const entry = lessons.find((l) => l.id === id);
  if (!entry) refuse(`${show(catalogPath)}: no lesson "${id}" (known: ${available.join(', ') || 'none'})`);
  if (entry.available === false) refuse(`${show(catalogPath)}: lesson "${id}" has no file yet (available: false; lessons with files: ${available.join(', ') || 'none'})`);
  return entry;
}

/** Builds the site with tools/lab's own build (when it is missing). */
function buildSite() {
  console.error('pack: build/site is not built; building it first (tools/lab build)');
  const build = spawnSync('bash', [join(ROOT, 'tools/lab'), 'build'], { stdio: ['ignore', 2, 2] });
  if (build.status !== 0) refuse(`tools/lab build failed (exit ${build.status}); nothing was written`);
}

function zipTool() {
  const probe = spawnSync('zip', ['-v'], { encoding: 'utf8' });
  if (probe.error) refuse('the zip command is missing: install it with tools/lab setup (Debian package zip)');
}

/** Writes the package; returns its path and what it holds. */
export function packScorm({ id, out, site }) {
  const siteDir = site ?? join(ROOT, 'build/site');
  catalogEntry(site ? join(siteDir, 'lessons/index.json') : join(ROOT, 'lessons/index.json'), id);
  if (existsSync(out) && !statSync(out).isDirectory()) refuse(`--out ${show(out)} is not a folder`);
  if (!existsSync(out) && !existsSync(dirname(out))) refuse(`--out ${show(out)}: its folder ${show(dirname(out))} does not exist`);
  zipTool();
  if (!existsSync(join(siteDir, 'parsed-lessons/index.json'))) {
    if (site) refuse(`${show(join(siteDir, 'parsed-lessons/index.json'))} is missing: --site must be a built site (tools/lab build)`);
    buildSite();
  }
  let lesson;
  try {
    lesson = lessonFiles(siteDir, id);
  } catch (e) {
    if (e instanceof LessonFilesError) refuse(e.message);
    throw e;
  }
  const stage = mkdtempSync(join(tmpdir(), 'lab-scorm-'));
  try {
    for (const f of lesson.files) {
      mkdirSync(dirname(join(stage, f)), { recursive: true });
      copyFileSync(join(siteDir, f), join(stage, f));
    }
    // The launch page says it is packaged (pages/lesson.ts: no offline cache in an LMS, and no
    // link out when it draws itself again) and has no link to a page the package lacks.
    const page = readFileSync(join(stage, lesson.page), 'utf8');
    if (!/<html\b/i.test(page)) refuse(`${show(join(siteDir, lesson.page))}: no <html> tag to mark as packaged`);
    const html = unlinkOutside(page, lesson.page, lesson.files);
    writeFileSync(join(stage, lesson.page), html.replace(/<html\b/i, '<html data-lab-package="scorm12"'));
    writeFileSync(join(stage, MANIFEST), scormManifest({ id, title: lesson.title, launch: lesson.page, files: lesson.files }));
    // Zip records each file's modification time: one date for all, or no two packs would match.
    const date = packageDate();
    for (const f of [MANIFEST, ...lesson.files]) utimesSync(join(stage, f), date, date);

    const zipPath = join(stage, `${id}.scorm12.zip`);
    // -X: no extra file attributes (owners, times beyond the zip's own); -D: no folder entries;
    // files in the order given (the manifest, then sorted). Zip writes a file's time as local
    // time: in UTC, the fixed date is the same entry wherever the pack runs.
    const zip = spawnSync('zip', ['-X', '-D', '-q', '-9', zipPath, '-@'], {
      cwd: stage, input: [MANIFEST, ...lesson.files].join('\n'), encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    if (zip.status !== 0) refuse(`zip failed: ${(zip.stderr || zip.stdout).trim().split('\n')[0]}`);
    const { entries, manifest } = readPackage(zipPath);
    const problems = checkManifest(manifest, entries);
    if (problems.length) refuse(`the package failed its manifest check, nothing written: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);

    if (!existsSync(out)) mkdirSync(out);
    const dest = join(out, `${id}.scorm12.zip`);
    const temp = join(out, `.${id}.scorm12.zip.${process.pid}`);
    try {
      copyFileSync(zipPath, temp);
      renameSync(temp, dest);
    } catch (e) {
      rmSync(temp, { force: true });
      refuse(`cannot write ${show(dest)} (${e.code ?? e.message})`);
    }
    return { zip: dest, launch: lesson.page, files: lesson.files.length, bytes: statSync(dest).size };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The command line (tools/pack.mjs hands `--scorm` invocations here). */
export function main(args) {
  try {
    const { zip, launch, files, bytes } = packScorm(parseScormArgs(args));
    console.log(`pack: wrote ${show(zip)} (SCORM 1.2: ${files} files + ${MANIFEST}, ${(bytes / 1024 / 1024).toFixed(1)} MB; launches ${launch})`);
  } catch (e) {
    if (!(e instanceof ScormRefusal)) throw e;
    console.error(`lab pack: ${e.message}`);
    process.exit(e.code);
  }
}
