// What every peer script shares: how it talks to the C++ test that started it
// (tests/support/peer_process.h).
//
// - stdout carries exactly one line, `READY <port>`; the test reads it to learn the port. All
//   console output is moved to stderr, so a library's notices can never be taken for it.
// - The peer exits when its stdin closes: the test holds the other end, so a test process that
//   crashes (and never runs its destructors) still takes its servers with it.
// - SIGTERM/SIGINT end it too.

export function startup() {
  for (const level of ['log', 'info', 'debug']) {
    console[level] = (...args) => console.error(...args);
  }
}

// import() of a dependency, failing with what to do when `npm ci` has not been run.
export async function importDependency(name) {
  try {
    return await import(name);
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND') {
      console.error(`${name} is not installed: run 'make peers' (npm ci in tests/peers)`);
      process.exit(3);
    }
    throw err;
  }
}

// Nothing to flush or save (all state is in memory), so leaving is just exiting.
export function exitOnStdinCloseOrSignal() {
  const finish = () => process.exit(0);
  process.stdin.on('end', finish);
  process.stdin.on('close', finish);
  process.stdin.on('error', finish);
  process.stdin.resume();
  process.on('SIGTERM', finish);
  process.on('SIGINT', finish);
}
