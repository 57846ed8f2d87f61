// Debian's Chromium, driven by playwright-core, as every tool here launches it: the site
// build's answer recorder (web/scripts/record-answers.mjs), the end-to-end tests and the bench.
// One place for its path and flags: no sandbox (it runs as root in containers), no GPU (the
// machines have none), and none of the background traffic a fresh profile would start.
export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A headless Chromium (a fresh temporary profile per launch). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
