import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/core/commands/parse-command.ts";
import { AppError } from "../../src/errors.ts";
import { commandText } from "../support/fuzz-inputs.ts";

describe("the command parser, fuzzed", () => {
  it("returns a command or a coded error for anything typed, never another failure", () => {
    fc.assert(
      fc.property(commandText(), (text) => {
        try {
          const command = parseCommand(text);
          expect(typeof command.name).toBe("string");
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
