#!/usr/bin/env node
// Checks a SCORM 1.2 package's imsmanifest.xml against the files the package holds: what an LMS
// needs to import it and what our packages promise. The packer runs it before writing a zip
// (a failing check writes nothing) and the tests run it on the zips they build.
//   - well-formed XML, the root <manifest> in the IMS CP namespace SCORM 1.2 uses, with an identifier;
//   - <metadata> saying <schema>ADL SCORM</schema> and <schemaversion>1.2</schemaversion>;
//   - <organizations default> naming its one <organization>, which has a <title> and one <item>
//     with a <title> whose identifierref names a resource;
//   - one <resource> of type "webcontent" with adlcp:scormtype="sco" (adlcp bound to ADL's
//     namespace) and an href that is one of its files;
//   - every identifier a valid xs:ID, none twice;
//   - every <file href> (and the resource's href) in the package, and every file of the package
//     (but imsmanifest.xml) listed.
// CLI: node tools/scorm/check-manifest.mjs PACKAGE.zip → "ok: N files" or one line per problem, exit 1.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { NS_ADLCP, NS_IMSCP } from './manifest.mjs';

export const MANIFEST = 'imsmanifest.xml';

/** An error in the manifest's XML, with its line. */
class XmlError extends Error {}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s) => s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e) => {
  if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  return ENTITIES[e] ?? m;
});

/** A small XML reader for manifests: elements, attributes, text; comments, the declaration and
 *  processing instructions skipped; CDATA kept as text. No DTDs (a manifest has none). */
export function parseXml(text) {
  let i = 0;
  const line = () => text.slice(0, i).split('\n').length;
  const fail = (why) => { throw new XmlError(`line ${line()}: ${why}`); };
  const root = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      if (text.slice(i).trim()) stack.at(-1).text += decode(text.slice(i));
      break;
    }
    if (lt > i) stack.at(-1).text += decode(text.slice(i, lt));
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) fail('a comment is not closed');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i);
      if (end < 0) fail('a CDATA section is not closed');
      stack.at(-1).text += text.slice(i + 9, end);
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) fail('a processing instruction is not closed');
      i = end + 2;
    } else if (text.startsWith('<!', i)) {
      fail('a DOCTYPE or declaration, which manifests do not have');
    } else if (text.startsWith('</', i)) {
      const m = /^<\/([\w:.-]+)\s*>/.exec(text.slice(i));
      if (!m) fail('a malformed end tag');
      const open = stack.pop();
      if (open === root || open.name !== m[1]) fail(`</${m[1]}> closes <${open === root ? 'nothing' : open.name}>`);
      i += m[0].length;
    } else {
      const m = /^<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(text.slice(i));
      if (!m) fail(`a malformed tag (${JSON.stringify(text.slice(i, i + 40))})`);
      const attrs = {};
      for (const a of m[2].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] in attrs) fail(`<${m[1]}> has ${a[1]} twice`);
        attrs[a[1]] = decode(a[2] ?? a[3]);
      }
      const el = { name: m[1], attrs, children: [], text: '', line: line() };
      if (stack.length === 1 && root.children.length) fail(`a second root element <${m[1]}>`);
      stack.at(-1).children.push(el);
      if (!m[3]) stack.push(el);
      i += m[0].length;
    }
  }
  if (stack.length > 1) fail(`<${stack.at(-1).name}> is not closed`);
  if (!root.children.length) fail('no root element');
  return root.children[0];
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;
const kids = (el, name) => el.children.filter((c) => c.name === name);

/**
 * The problems of `xml` (a manifest's text) for a package holding `entries` (paths in the zip;
 * folders end in "/"), one sentence each; none means it passes.
 */
export function checkManifest(xml, entries) {
  const problems = [];
  const bad = (why) => problems.push(`${MANIFEST}: ${why}`);
  let manifest;
  try {
    manifest = parseXml(xml);
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    bad(`not well-formed XML (${e.message})`);
    return problems;
  }
  if (manifest.name !== 'manifest') bad(`the root element is <${manifest.name}>, expected <manifest>`);
  if (manifest.attrs.xmlns !== NS_IMSCP) bad(`the root's namespace is ${JSON.stringify(manifest.attrs.xmlns ?? null)}, expected "${NS_IMSCP}"`);

  // Identifiers: valid xs:IDs, each once.
  const ids = new Map();
  (function walk(el) {
    if ('identifier' in el.attrs) {
      const id = el.attrs.identifier;
      if (!NCNAME.test(id)) bad(`line ${el.line}: identifier "${id}" of <${el.name}> is not a valid xs:ID`);
      if (ids.has(id)) bad(`line ${el.line}: identifier "${id}" is used twice (also line ${ids.get(id).line})`);
      else ids.set(id, el);
    }
    el.children.forEach(walk);
  })(manifest);
  if (!('identifier' in manifest.attrs)) bad('<manifest> has no identifier');

  const [metadata] = kids(manifest, 'metadata');
  const schema = metadata && kids(metadata, 'schema')[0]?.text.trim();
  const version = metadata && kids(metadata, 'schemaversion')[0]?.text.trim();
  if (schema !== 'ADL SCORM') bad(`<metadata><schema> is ${JSON.stringify(schema ?? null)}, expected "ADL SCORM"`);
  if (version !== '1.2') bad(`<metadata><schemaversion> is ${JSON.stringify(version ?? null)}, expected "1.2"`);

  const organizations = kids(manifest, 'organizations');
  const resources = kids(manifest, 'resources');
  if (organizations.length !== 1) bad(`${organizations.length} <organizations> elements, expected 1`);
  if (resources.length !== 1) bad(`${resources.length} <resources> elements, expected 1`);
  const orgs = organizations[0] ? kids(organizations[0], 'organization') : [];
  const resList = resources[0] ? kids(resources[0], 'resource') : [];
  if (orgs.length !== 1) bad(`${orgs.length} <organization> elements, expected 1`);
  if (resList.length !== 1) bad(`${resList.length} <resource> elements, expected 1`);
  const [org] = orgs;
  const [res] = resList;
  if (org && organizations[0].attrs.default !== org.attrs.identifier) {
    bad(`<organizations default="${organizations[0].attrs.default ?? ''}"> does not name its organization ("${org.attrs.identifier ?? ''}")`);
  }
  if (org) {
    if (!kids(org, 'title')[0]?.text.trim()) bad('the <organization> has no <title>');
    const items = kids(org, 'item');
    if (items.length !== 1) bad(`${items.length} <item> elements in the organization, expected 1`);
    const [item] = items;
    if (item && !kids(item, 'title')[0]?.text.trim()) bad('the <item> has no <title>');
    if (item && res && item.attrs.identifierref !== res.attrs.identifier) {
      bad(`the <item>'s identifierref "${item.attrs.identifierref ?? ''}" does not name the resource ("${res.attrs.identifier ?? ''}")`);
    }
  }

  const listed = new Set();
  if (res) {
    const prefix = Object.entries(manifest.attrs).find(([k, v]) => k.startsWith('xmlns:') && v === NS_ADLCP)?.[0].slice(6);
    if (!prefix) bad(`no prefix is bound to ADL's namespace "${NS_ADLCP}" on <manifest>`);
    else if (res.attrs[`${prefix}:scormtype`] !== 'sco') bad(`the <resource> has ${prefix}:scormtype ${JSON.stringify(res.attrs[`${prefix}:scormtype`] ?? null)}, expected "sco"`);
    if (res.attrs.type !== 'webcontent') bad(`the <resource> has type ${JSON.stringify(res.attrs.type ?? null)}, expected "webcontent"`);
    const files = kids(res, 'file');
    for (const f of files) {
      if (!f.attrs.href) bad(`line ${f.line}: a <file> without href`);
      else listed.add(decodeURIComponent(f.attrs.href));
    }
    if (!res.attrs.href) bad('the <resource> has no href (the launch page)');
    else if (!listed.has(decodeURIComponent(res.attrs.href))) bad(`the launch page "${res.attrs.href}" is not one of the resource's <file>s`);
  }
  const inZip = new Set(entries.filter((e) => !e.endsWith('/')));
  for (const f of [...listed].sort()) if (!inZip.has(f)) bad(`<file href="${f}"> is not in the package`);
  for (const e of [...inZip].sort()) if (e !== MANIFEST && !listed.has(e)) bad(`${e} is in the package but not listed in a <file>`);
  if (!inZip.has(MANIFEST)) problems.push(`${MANIFEST} is not at the package's root`);
  return problems;
}

/** The entries of a zip and the text of its manifest, read with Debian's unzip. */
export function readPackage(zip) {
  const list = spawnSync('unzip', ['-Z1', zip], { encoding: 'utf8' });
  if (list.status !== 0) {
    // unzip names the file on a line of its own ("[x.zip]") before saying what is wrong.
    const why = `${list.stderr}\n${list.stdout}`.split('\n').map((l) => l.trim()).filter((l) => l && !/^\[.*\]$/.test(l))[0];
    throw new Error(`${zip}: not a readable zip (${why?.replace(/\.\s.*$/, '') ?? `unzip exit ${list.status}`})`);
  }
  const entries = list.stdout.split('\n').filter(Boolean);
  const manifest = entries.includes(MANIFEST) ? spawnSync('unzip', ['-p', zip, MANIFEST], { encoding: 'utf8' }).stdout : '';
  return { entries, manifest };
}

const isMain = import.meta.url === new URL(`file://${resolve(process.argv[1] ?? '')}`).href;
if (isMain) {
  const [zip, ...extra] = process.argv.slice(2);
  if (!zip || extra.length) {
    console.error('usage: node tools/scorm/check-manifest.mjs PACKAGE.zip');
    process.exit(2);
  }
  try {
    const { entries, manifest } = readPackage(zip);
    const problems = checkManifest(manifest, entries);
    for (const p of problems) console.error(`${zip}: ${p}`);
    if (problems.length) process.exit(1);
    console.log(`${zip}: ok: ${entries.length - 1} files and ${MANIFEST}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
