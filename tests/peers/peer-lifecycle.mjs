// What every peer script shares: how it talks to the C++ test that started it
// (tests/support/peer_process.h).
//
// - stdout carries exactly one line, `READY <port>`; the test reads it to learn the port. All
//   console output is moved to stderr, so a library's notices can never be taken for it.
// - The peer exits when its stdin closes: the test holds the other end, so a test process that
//   crashes (and never runs its destructors) still takes its servers with it.
// - SIGTERM/SIGINT end it too.
import { createServer } from 'node:http';

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

// Listens with `handler` on 127.0.0.1 and, where the machine has IPv6, on ::1 at the same port.
// Peers are addressed as `localhost` (the Codex CLI's issuer and redirect URIs are), and a
// client may resolve that name to ::1 first: both must answer. Port 0 picks a port free on both.
export async function listenOnLoopback(handler, port) {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const v4 = createServer(handler);
    await listen(v4, port, '127.0.0.1');
    const chosen = v4.address().port;
    const v6 = createServer(handler);
    try {
      await listen(v6, chosen, '::1');
      return { port: chosen, servers: [v4, v6] };
    } catch (err) {
      if (err.code === 'EADDRINUSE' && port === 0) {
        v4.close();
        continue;  // the port is taken on ::1 only: try another
      }
      if (err.code === 'EADDRINUSE') throw err;
      return { port: chosen, servers: [v4] };  // no IPv6 loopback here
    }
  }
  throw new Error('no port free on both 127.0.0.1 and ::1 after 10 tries');
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
