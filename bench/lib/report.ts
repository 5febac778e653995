export function writeReport(): string[] {
  return [];
}
