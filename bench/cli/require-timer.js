// Preload for `npm run bench -- cli --profile`: measures how long each package takes to
// load (inclusive, first require only) when the app requires it, and writes the totals to
// BENCH_REQUIRE_TIMES at exit. Plain JS because it runs in the spawned app, without swc.
'use strict';
const Module = require('node:module');
const { writeFileSync } = require('node:fs');

const original = Module.prototype.require;
const times = new Map();
let depth = 0;

function packageOf(request) {
  if (request.startsWith('.') || request.startsWith('/') || request.startsWith('node:')) return null;
  const parts = request.split('/');
  return request.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

Module.prototype.require = function timedRequire(request) {
  const pkg = depth === 0 ? packageOf(request) : null;
  if (!pkg || times.has(pkg)) return original.apply(this, arguments);
  depth++;
  const start = process.hrtime.bigint();
  try {
    return original.apply(this, arguments);
  } finally {
    depth--;
    times.set(pkg, Number(process.hrtime.bigint() - start) / 1e6);
  }
};

process.on('exit', () => {
  if (process.env.BENCH_REQUIRE_TIMES) {
    writeFileSync(process.env.BENCH_REQUIRE_TIMES, JSON.stringify(Object.fromEntries(times)));
  }
});
