// Runs once per `vitest run`, before any worker: prepares the OpenAPI descriptions the fake GitHub validates
// against (openapi-spec.ts), so no worker parses the 11-14 MB originals inside a request the bot is timing.
import { ensurePreparedDescription, SPEC_NAMES } from "./fakes/github/openapi-spec.ts";
import { ensurePgliteTemplate } from "./support/pglite-template.ts";

export default async function setup(): Promise<void> {
  for (const kind of ["migrated", "empty"] as const) {
    try {
      await ensurePgliteTemplate(kind);
    } catch (error) {
      // Without it each test database runs initdb (and the migrations) itself: slower, the same results.
      console.warn(`could not prepare the ${kind} PGlite template: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const name of SPEC_NAMES) {
    try {
      ensurePreparedDescription(name);
    } catch (error) {
      // A read-only node_modules only costs speed: each worker then prepares the description in memory.
      console.warn(`could not cache the prepared OpenAPI description ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
