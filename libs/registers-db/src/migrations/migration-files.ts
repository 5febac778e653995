import { readdir } from 'node:fs/promises';

/** Migration sources in `directory` (`.ts`/`.js`, not declarations); none when it is missing. */
export async function migrationFilesIn(directory: string): Promise<string[]> {
  try {
    const names = await readdir(directory);
    return names.filter((n) => /\.(ts|js)$/.test(n) && !n.endsWith('.d.ts')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
