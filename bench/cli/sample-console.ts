/**
 * Counts the sample's commands from its program help: rows under "Commands:" (except `help`)
 * plus the group commands listed under "Groups:" (one level deeper).
 */
export function countCommandsInHelp(help: string): number {
  let section = '';
  let count = 0;
  for (const line of help.split('\n')) {
    if (/^\S.*:$/.test(line)) {
      section = line.slice(0, -1).trim().toLowerCase();
      continue;
    }
    if (section === 'commands' && /^ {2}\S/.test(line) && !/^ {2}help\b/.test(line)) count++;
    if (section === 'groups' && /^ {4}\S/.test(line)) count++;
  }
  return count;
}
