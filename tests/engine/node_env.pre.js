// Emscripten's getenv() sees its own small environment, not Node's: hand the wasm test binary
// the CI variable so that a test skipped for a missing input fails under CI here as natively.
Module.preRun = [].concat(Module.preRun || [], function () {
  if (typeof process !== 'undefined' && process.env.CI !== undefined) ENV.CI = process.env.CI;
});
