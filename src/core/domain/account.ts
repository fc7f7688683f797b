import type { AccountKind } from "../ports.ts";

/** A cloud account as a command names it. */
export interface AccountSpec {
  /** null: a bare slug, resolved to the org or enterprise of that name. */
  kind: AccountKind | null;
  slug: string;
}

/** How each side is named in commands (`link ghes`, `link cloud`) and in the messages that cite them. */
export const SIDE_WORD = { GHES: "ghes", CLOUD: "cloud" } as const;
