import type { Artifact } from './targets/artifact.interface';

const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);

/** The exact bytes `--write` puts on disk: UTF-8, or UTF-16LE with a byte order mark. */
export function artifactBytes(artifact: Artifact): Buffer {
  if (artifact.encoding === 'utf-16le') {
    return Buffer.concat([UTF16LE_BOM, Buffer.from(artifact.content, 'utf16le')]);
  }
  return Buffer.from(artifact.content, 'utf8');
}
