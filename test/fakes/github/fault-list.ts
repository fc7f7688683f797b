// Queue of injected faults (see FaultRule in types.ts).
import type { FaultRule, ServerName } from "./types.ts";

interface ActiveFault {
  rule: FaultRule;
  left: number;
}

export class FaultList {
  private readonly active: ActiveFault[] = [];

  add(rule: FaultRule): void {
    this.active.push({ rule, left: rule.times ?? 1 });
  }

  /** The first matching rule (consumed once), or undefined. */
  take(server: ServerName, method: string, path: string, query: Record<string, string>): FaultRule | undefined {
    const i = this.active.findIndex(
      ({ rule }) =>
        rule.server === server &&
        (rule.method === undefined || rule.method.toUpperCase() === method) &&
        (typeof rule.path === "string" ? rule.path === path : rule.path.test(path)) &&
        queryMatches(rule.query, query),
    );
    const hit = this.active[i];
    if (!hit) return undefined;
    hit.left--;
    if (hit.left <= 0) this.active.splice(i, 1);
    return hit.rule;
  }
}

function queryMatches(wanted: FaultRule["query"], query: Record<string, string>): boolean {
  return Object.entries(wanted ?? {}).every(([key, value]) => (value === undefined ? !(key in query) : query[key] === value));
}

/** Whether the rule replaces the answer (false: delay or hold only, then handle normally; a hanging rule sends none). */
export const replacesAnswer = (rule: FaultRule): boolean =>
  !rule.hang &&
  (rule.status !== undefined ||
    rule.body !== undefined ||
    rule.headers !== undefined ||
    (rule.delayMs === undefined && rule.until === undefined));
