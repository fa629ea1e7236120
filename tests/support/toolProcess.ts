import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * The loader a test preloads when it starts a tool as its own process: the transpile cache the package's scripts and
 * bin preload (tools/launch/transpileCache.js), not ts-node. The tool's code path is the same; a warm cache never
 * loads the TypeScript compiler, which was most of each spawn's start-up (about 0.5 s of CPU per process).
 */
export const TS_LOADER: readonly string[] = ["-r", path.join(ROOT, "tools", "launch", "transpileCache.js")];
