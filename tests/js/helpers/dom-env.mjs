// A jsdom window as the page's globals, for unit tests of the web shell's DOM code (built to
// build/js-test by `tsc -p web/tsconfig.node.json`). Import this before the modules under test
// (dynamically: they may read `window` when they load, as DOMPurify does).
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html lang="en"><body></body></html>', { url: 'http://lab.test/lesson.html', pretendToBeVisual: true });
const { window } = dom;

for (const name of ['window', 'document', 'Node', 'Element', 'HTMLElement', 'HTMLAnchorElement', 'HTMLInputElement', 'HTMLTableElement',
  'DocumentFragment', 'Event', 'CustomEvent', 'DOMParser', 'location', 'getComputedStyle']) {
  Object.defineProperty(globalThis, name, { value: name === 'window' ? window : window[name], configurable: true, writable: true });
}
// Listeners on the page (online/offline, scroll) go to the window, as in a browser.
globalThis.addEventListener = window.addEventListener.bind(window);
globalThis.removeEventListener = window.removeEventListener.bind(window);
globalThis.dispatchEvent = window.dispatchEvent.bind(window);

let online = true;
Object.defineProperty(window.navigator, 'onLine', { get: () => online, configurable: true });
Object.defineProperty(globalThis, 'navigator', { value: window.navigator, configurable: true, writable: true });

/** Goes offline or online, with the event a browser fires. */
export function setOnline(value) {
  online = value;
  window.dispatchEvent(new window.Event(value ? 'online' : 'offline'));
}

/** A fresh body for the next test. */
export function resetBody() {
  document.body.replaceChildren();
}

export { window };
