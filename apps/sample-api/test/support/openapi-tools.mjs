/**
 * The ESM-only OpenAPI tools, run as a child process by the document tests (jest loads test
 * code as CommonJS and cannot import them):
 *   node openapi-tools.mjs validate <document.json>        swagger-parser's validate(); exits 1 with its message
 *   node openapi-tools.mjs lint <document.json>            prints Redocly's problems as JSON
 *   node openapi-tools.mjs types <document.json> <out.ts>  writes openapi-typescript's types
 */
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';

const [command, input, output] = process.argv.slice(2);
const source = readFileSync(input, 'utf8');

if (command === 'validate') {
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  try {
    await SwaggerParser.validate(JSON.parse(source));
    process.stdout.write('valid');
  } catch (error) {
    process.stderr.write(String(error?.message ?? error));
    process.exit(1);
  }
} else if (command === 'lint') {
  const { createConfig, lintFromString } = await import('@redocly/openapi-core');
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source, absoluteRef: input, config });
  const report = problems.map((problem) => ({
    rule: problem.ruleId,
    severity: problem.severity,
    message: problem.message,
    pointer: problem.location?.[0]?.pointer,
  }));
  process.stdout.write(JSON.stringify(report));
} else if (command === 'types') {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(JSON.parse(source));
  writeFileSync(output, astToString(ast));
} else {
  process.stderr.write(`unknown command ${command}\n`);
  process.exit(2);
}
