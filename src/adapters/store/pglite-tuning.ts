import { setFlagsFromString } from "node:v8";

/**
 * PGlite's memory, measured (issue 10): an opened directory held ~300 MiB, of which ~150 MiB were the 128 MB of
 * `shared_buffers` its postgresql.conf asks for, touched inside the WebAssembly memory, and ~60 MiB (95 MiB at the
 * peak) V8's optimising compile of the Postgres module. 16 MB of buffers is ample for the bot's few small tables,
 * and V8's baseline compiler alone (Liftoff) runs the module without the second compile: together ~112 MiB.
 */
export const PGLITE_SHARED_BUFFERS = "16MB";

/** Start parameters added to PGlite's own (which a given list replaces, hence the spread). */
export function pgliteStartParams(defaults: readonly string[]): string[] {
  return [...defaults, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
}

/**
 * Keeps WebAssembly on V8's baseline compiler. Only PGlite compiles WebAssembly in this process; the flag must be
 * set before its module is compiled (NODE_OPTIONS refuses it, so it is set here, and passed to the child that
 * creates a directory).
 */
export const WASM_BASELINE_FLAG = "--liftoff-only";
export function useWasmBaselineCompiler(): void {
  setFlagsFromString(WASM_BASELINE_FLAG);
}
