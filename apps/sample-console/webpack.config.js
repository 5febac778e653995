// Extends Nest's webpack defaults for the console. class-validator is bundled from its ES
// module build, so webpack keeps only the validators the models use and drops the rest
// (libphonenumber-js among them): a cold start loads a fraction of the library.
const nodeExternals = require('webpack-node-externals');

module.exports = (options) => ({
  ...options,
  externals: [nodeExternals({ allowlist: [/^class-validator(\/|$)/] })],
  resolve: { ...options.resolve, mainFields: ['es2015', 'module', 'main'] },
  optimization: {
    ...options.optimization,
    providedExports: true,
    usedExports: true,
    sideEffects: true,
    concatenateModules: true,
  },
});
