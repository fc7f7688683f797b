// Runs once per `vitest run`, before any worker: prepares the OpenAPI descriptions the fake GitHub validates
// against (openapi-spec.ts), so no worker parses the 11-14 MB originals inside a request the bot is timing.
import { SPEC_NAMES, ensurePreparedDescription } from "./fakes/github/openapi-spec.ts";

export default function setup(): void {
  for (const name of SPEC_NAMES) {
    try {
      ensurePreparedDescription(name);
    } catch (error) {
      // A read-only node_modules only costs speed: each worker then prepares the description in memory.
      console.warn(`could not cache the prepared OpenAPI description ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
