/**
 * True when a parsed JSON value nests deeper than `max`. Iterative, so a hostile body nested
 * a million levels deep costs time proportional to its size and cannot overflow the stack
 * (JSON.stringify, when the update is sealed, would).
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}
