// Array helpers safe at any length: `push(...items)` and `Math.max(...items)` pass every item as an argument
// and overflow the stack past about 10⁵ of them.

export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = empty;
  for (const v of values) if (v > max) max = v;
  return max;
}

export function minOf(values: Iterable<number>, empty = Infinity): number {
  let min = empty;
  for (const v of values) if (v < min) min = v;
  return min;
}

/** The same items in the same order (by identity). */
export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
