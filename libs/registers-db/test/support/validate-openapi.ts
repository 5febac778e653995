/**
 * Validates an OpenAPI document with @apidevtools/swagger-parser. Its dependencies ship as
 * ES modules only, which this jest setup does not load, so it runs in a Node process of its
 * own; the document goes through stdin.
 */
import { execFile } from 'node:child_process';

const SCRIPT = `
import SwaggerParser from '@apidevtools/swagger-parser';
let input = '';
for await (const chunk of process.stdin) input += chunk;
try {
  await SwaggerParser.validate(JSON.parse(input));
  process.stdout.write('valid');
} catch (error) {
  process.stdout.write(String(error && error.message));
  process.exitCode = 1;
}
`;

/** Resolves to 'valid', or to swagger-parser's message when the document is invalid. */
export function validateOpenApi(document: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', SCRIPT],
      { cwd: process.cwd(), maxBuffer: 10 * 1024 * 1024 },
      (error, stdout) => (stdout ? resolve(stdout) : reject(error ?? new Error('no output'))),
    );
    child.stdin!.end(JSON.stringify(document));
  });
}
