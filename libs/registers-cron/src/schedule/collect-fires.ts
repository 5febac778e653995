/** The default `limit` of `FireSchedule.firesBetween`. */
export const DEFAULT_FIRE_LIMIT = 1000;

/** Fires in `(fromExclusive, toInclusive]`, ascending, at most `limit`, by stepping `nextAfter`. */
export function collectFires(
  nextAfter: (after: number) => number | null,
  fromExclusive: number,
  toInclusive: number,
  limit = DEFAULT_FIRE_LIMIT,
): number[] {
  const fires: number[] = [];
  let fire = nextAfter(fromExclusive);
  while (fire !== null && fire <= toInclusive && fires.length < limit) {
    fires.push(fire);
    fire = nextAfter(fire);
  }
  return fires;
}
