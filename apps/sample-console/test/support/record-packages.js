// Preloaded with `node -r`: writes the npm packages the process required to $RECORD_PACKAGES_FILE.
const Module = require('node:module');
const { writeFileSync } = require('node:fs');

const seen = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  if (!request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:')) {
    seen.add(request.split('/').slice(0, request.startsWith('@') ? 2 : 1).join('/'));
  }
  return load.call(this, request, ...rest);
};
process.on('exit', () => writeFileSync(process.env.RECORD_PACKAGES_FILE, [...seen].join('\n')));
