// @copilotkit/aimock (pinned in package.json), a third-party mock of the OpenAI APIs, serving
// the Responses API (POST /v1/responses, SSE when stream:true) from fixture files. A second
// opinion on the wire format next to the team's own replay transcripts.
//
//   node aimock-server.mjs [--port N] [--fixtures FILE]... [--chunk-size N]
//
// Without --fixtures it serves fixtures/responses.json (prompts and answers the tests rely on).
// Fixture format (first match wins, `userMessage` is a substring of the last user message):
// node_modules/@copilotkit/aimock/skills/write-fixtures/SKILL.md.
//
// Prints exactly one line `READY <port>` on stdout once listening; exits when stdin closes or on
// SIGTERM/SIGINT (see peer-lifecycle.mjs).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { exitOnStdinCloseOrSignal, importDependency, startup } from './peer-lifecycle.mjs';

startup();
const { LLMock } = await importDependency('@copilotkit/aimock');

const here = dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    fixtures: { type: 'string', multiple: true, default: [] },
    // Characters per streamed text delta: small values give many deltas per answer.
    'chunk-size': { type: 'string', default: '4' },
  },
  strict: true,
});

const mock = new LLMock({
  port: Number(opt.port),
  host: opt.host,
  chunkSize: Number(opt['chunk-size']),
  // An unmatched prompt is a test bug: answer 503 with a message rather than a 404 that looks
  // like a wrong URL.
  strict: true,
  logLevel: 'warn',
});
const files = opt.fixtures.length ? opt.fixtures : [join(here, 'fixtures', 'responses.json')];
for (const file of files) mock.loadFixtureFile(file);

await mock.start();
exitOnStdinCloseOrSignal();
process.stdout.write(`READY ${new URL(mock.url).port}\n`);
