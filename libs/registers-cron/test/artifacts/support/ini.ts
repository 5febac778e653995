/** A strict INI reader for systemd unit files: sections, `Key=Value` lines, `#`/`;` comments. */
export type IniFile = Record<string, [string, string][]>;

export function parseIni(text: string): IniFile {
  const out: IniFile = {};
  let section: string | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      section = header[1];
      if (out[section]) throw new Error(`section [${section}] appears twice`);
      out[section] = [];
      return;
    }
    const kv = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (!kv) throw new Error(`line ${i + 1} is not Key=Value: ${raw}`);
    if (!section) throw new Error(`line ${i + 1} is outside a section`);
    out[section].push([kv[1], kv[2]]);
  });
  return out;
}

/** Every value of `key` in `section`. */
export function iniValues(file: IniFile, section: string, key: string): string[] {
  return (file[section] ?? []).filter(([k]) => k === key).map(([, v]) => v);
}

/** The single value of `key` in `section` (throws when missing or repeated). */
export function iniValue(file: IniFile, section: string, key: string): string {
  const values = iniValues(file, section, key);
  if (values.length !== 1) throw new Error(`[${section}] ${key} appears ${values.length} times`);
  return values[0];
}
