/** Zone names that are UTC under another name (IANA links and aliases). */
const UTC_ZONES = new Set(
  [
    'UTC',
    'Etc/UTC',
    'Etc/UCT',
    'UCT',
    'Etc/Universal',
    'Universal',
    'Etc/Zulu',
    'Zulu',
    'GMT',
    'Etc/GMT',
    'Etc/GMT0',
    'Etc/GMT+0',
    'Etc/GMT-0',
    'GMT0',
    'GMT+0',
    'GMT-0',
    'Etc/Greenwich',
    'Greenwich',
  ].map((z) => z.toLowerCase()),
);

/** The zone is UTC (`UTC`, `Etc/UTC`, `GMT`, …); an empty zone means the default, UTC. */
export function isUtcZone(zone: string | undefined): boolean {
  return !zone || UTC_ZONES.has(zone.trim().toLowerCase());
}
