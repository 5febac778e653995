/**
 * Plain scalars that YAML 1.1 and 1.2 both read back as the same string: no leading digit,
 * `.`, `-` followed by a blank, or indicator; no `: ` or ` #`; no flow characters.
 */
const PLAIN = /^(?:[A-Za-z_/]|-(?=[A-Za-z-]))[A-Za-z0-9_./@+:=-]*(?: [A-Za-z0-9_./@+:=-]+)*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null)$/i;

/** A YAML string scalar: plain when that is unambiguous, else double-quoted (JSON escapes are valid YAML). */
export function yamlString(value: string): string {
  if (PLAIN.test(value) && !RESERVED.test(value) && !/:$|: /.test(value)) return value;
  return JSON.stringify(value);
}

/** A single-quoted YAML scalar (`'0 2 * * *'`): `'` is doubled, nothing else is special. */
export function yamlSingleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Comment text on one line. */
export function yamlComment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `# ${text.replace(/[\u0000-\u001f\u007f]+/g, ' ')}`;
}
