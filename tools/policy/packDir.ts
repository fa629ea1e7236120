import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_ROOT } from "../launch/packageRoot";

export const PROJECT_PACK_DIR = path.join(PACKAGE_ROOT, "policy-pack");

/**
 * The project's own pack runs from its compiled JavaScript (it starts in under a second that way). When a rule's
 * TypeScript is newer than the build, the build is refreshed first so a preview never runs stale rules. Returns
 * whether it rebuilt (a pack started before then runs the old rules).
 */
export function ensurePackBuilt(packDir: string): boolean {
    if (path.resolve(packDir) !== PROJECT_PACK_DIR) {
        return false;
    }
    const built = path.join(packDir, "bin", "index.js");
    const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
    if (newestSource(packDir) > builtAt) {
        const tsc = require.resolve("typescript/bin/tsc");
        execFileSync(process.execPath, [tsc, "-p", path.join(packDir, "tsconfig.json")], { stdio: "inherit" });
        fs.utimesSync(built, new Date(), new Date());
        return true;
    }
    return false;
}

function newestSource(dir: string): number {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === "bin" || entry.name === "node_modules") {
            continue;
        }
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            newest = Math.max(newest, newestSource(full));
        } else if (entry.name.endsWith(".ts") || entry.name === "tsconfig.json") {
            newest = Math.max(newest, fs.statSync(full).mtimeMs);
        }
    }
    return newest;
}

export function readPolicyConfig(file: string | undefined): Record<string, any> | undefined {
    if (!file) {
        return undefined;
    }
    const text = fs.readFileSync(file, "utf8");
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new Error(`policy config ${file} is not JSON: ${(error as Error).message}`);
    }
}
