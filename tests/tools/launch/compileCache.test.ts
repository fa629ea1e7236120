import { expect } from "chai";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const NODE_22 = path.join(ROOT, "node_modules", ".bin", "node");

/** Files under `dir`, recursively. */
function filesUnder(dir: string): string[] {
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/**
 * The project's pack started on Node 22 as spawnPack starts it, with the compile cache in `cacheDir`; resolves once it
 * announced its port and was ended with SIGTERM, as every command ends its pack.
 */
function startAndEndPack(cacheDir: string): Promise<void> {
    const script = `
        const { spawnPack } = require(${JSON.stringify(path.join(ROOT, "tools", "policy", "spawnPack.js"))});
        const pack = spawnPack(${JSON.stringify(path.join(ROOT, "policy-pack"))});
        pack.port.then(() => setTimeout(() => { pack.child.kill("SIGTERM"); }, 500), (error) => { console.error(error.message); process.exit(3); });
        pack.child.on("exit", () => process.exit(0));
    `;
    return new Promise((resolve, reject) => {
        const child = spawn(NODE_22, ["-e", script], { cwd: ROOT, env: { ...process.env, NODE_COMPILE_CACHE: cacheDir }, stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (status) => (status === 0 ? resolve() : reject(new Error(`exit ${status}: ${stderr}`))));
    });
}

describe("Node's compile cache in the policy pack's process", function () {
    this.timeout(60000);

    it("writes the modules it compiled before it is ended by a signal, where NODE_COMPILE_CACHE says", async () => {
        const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "compile-cache-"));
        try {
            await startAndEndPack(cacheDir);
            // A pack loads the Pulumi SDK, gRPC and the rules: hundreds of modules, each its own cache entry. Without the
            // flush at its port, a pack ended by SIGTERM writes nothing (Node writes the cache only at a normal exit).
            expect(filesUnder(cacheDir).length).to.be.greaterThan(100);
        } finally {
            fs.rmSync(cacheDir, { recursive: true, force: true });
        }
    });
});
