import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * The loader a test preloads when it starts a tool as its own process: the transpile cache the package's scripts and
 * bin preload (tools/launch/transpileCache.js), not ts-node. The tool's code path is the same; a warm cache never
 * loads the TypeScript compiler, which was most of each spawn's start-up (about 0.5 s of CPU per process).
 */
export const TS_LOADER: readonly string[] = ["-r", path.join(ROOT, "tools", "launch", "transpileCache.js")];

/**
 * `--max-age-hours` for a verify run as its own process against the fake accounts, whose deliveries are dated around
 * their fixed `NOW` (2026-03-05) while the process reads the real clock: the hours since then, and two days more.
 * The verifier lists one day prefix per day of that window (tools/verify/deliveries.ts), so a flat 100,000 hours
 * (4,168 days) made each such run list about 5,000 prefixes where a few hundred find the same deliveries.
 */
export function fixtureMaxAgeHours(now: Date, clock: Date = new Date()): string {
    return String(Math.ceil((clock.getTime() - now.getTime()) / 3600000) + 48);
}
