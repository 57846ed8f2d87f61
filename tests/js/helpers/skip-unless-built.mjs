// What a test that needs a build does when that build is missing. Locally it is skipped with
// the reason, so the inner loop need not build everything first; with CI set a missing build
// is an error instead, so a CI run can never pass by skipping the tests it was meant to run.

/** True when the CI environment variable says this is a CI run. */
export function inCi(env = process.env) {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}

/** The `skip` option for node:test: false when `built`, else `reason` (outside CI) or a throw
 *  (under CI), which fails the test file that asked. */
export function skipUnlessBuilt(built, reason, env = process.env) {
  if (built) return false;
  if (inCi(env)) throw new Error(`${reason}: under CI this is a failure, not a skip`);
  return reason;
}
