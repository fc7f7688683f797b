import type { AccountKind } from "../ports.ts";

// GitHub logins: alphanumerics and single inner hyphens, at most 39. Enterprise slugs are made from the
// enterprise name the same way but may be longer; 60 is a conservative bound.
const ORG = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/i;
const ENTERPRISE = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,59}$/i;

export type SlugProblem = "empty" | "too_long" | "characters" | "hyphens";

/** Returns null when the slug is acceptable for that kind (or for either kind when kind is undefined). */
export function validateSlug(slug: string, kind?: AccountKind): SlugProblem | null {
  if (slug.length === 0) return "empty";
  const max = kind === "org" ? 39 : 60;
  if (slug.length > max) return "too_long";
  if (!/^[a-z0-9-]+$/i.test(slug)) return "characters";
  const pattern = kind === "org" ? ORG : ENTERPRISE;
  return pattern.test(slug) ? null : "hyphens";
}
