// The live preview's page script (served only by `tools/serve.mjs --watch`, at /__lab/live.js;
// never part of the built site). It listens to /__lab/events: when the site's content changed
// since this page loaded, the page reloads; while a watched file has errors, an overlay lists
// them (file:line:col) over the page, which still shows the last good version.
// The version the page was served at (serve.mjs puts it into this script's URL).
const loaded = new URL(import.meta.url).searchParams.get('v');
const events = new EventSource('/__lab/events');
let overlay = null;

function showProblems(problems) {
  overlay?.remove();
  overlay = null;
  if (!problems.length) return;
  // Styles set through the CSSOM: the site's CSP (style-src 'self') refuses style attributes.
  overlay = document.createElement('section');
  overlay.id = 'lab-live-errors';
  overlay.setAttribute('role', 'alert');
  overlay.setAttribute('aria-label', 'Live preview: errors in the lesson files');
  Object.assign(overlay.style, {
    position: 'fixed', inset: 'auto 0 0 0', zIndex: '2147483647', maxHeight: '50vh', overflow: 'auto',
    margin: '0', padding: '1rem 1.25rem', background: '#3b0a0a', color: '#fff', font: '14px/1.45 ui-monospace, monospace',
    borderTop: '4px solid #ff6b6b', whiteSpace: 'pre-wrap',
  });
  const title = document.createElement('h2');
  title.textContent = 'Not updated: the page shows the last good version';
  Object.assign(title.style, { font: 'bold 15px system-ui, sans-serif', margin: '0 0 .5rem' });
  const list = document.createElement('ul');
  Object.assign(list.style, { margin: '0', paddingLeft: '1.25rem' });
  for (const { lines } of problems) {
    for (const line of lines) {
      const item = document.createElement('li');
      item.textContent = line;
      list.append(item);
    }
  }
  overlay.append(title, list);
  document.body.append(overlay);
}

events.addEventListener('message', (event) => {
  const state = JSON.parse(event.data);
  if (state.version !== loaded) {
    location.reload();
    return;
  }
  showProblems(state.problems);
});
