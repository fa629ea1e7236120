"use strict";
// Plain JavaScript on purpose: the preview starts the policy pack from a --require preload, before TypeScript and
// the Pulumi SDK load, so the pack's start-up overlaps them. Types: spawnPack.d.ts.
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

class PolicyPackError extends Error {
    constructor(message) {
        super(message);
        this.name = "PolicyPackError";
    }
}

/**
 * Starts a pack the way the engine does: `node <@pulumi/pulumi>/cmd/run-policy-pack <engine> <pack>` in the pack's
 * folder; the first line it prints is its port. The engine address is not used by the pack.
 */
function spawnPack(packDir, options = {}) {
    const dir = path.resolve(packDir);
    // Spawning in a missing folder fails with "spawn node ENOENT", which blames node: name the folder instead.
    const problem = packDirProblem(dir);
    if (problem) {
        throw new PolicyPackError(problem);
    }
    const runner = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run-policy-pack");
    // endWithParent.js ends the pack as soon as this process is gone, so no pack outlives the command, even one
    // killed with SIGKILL.
    const watcher = path.join(__dirname, "..", "launch", "endWithParent.js");
    const child = spawn(process.execPath, ["-r", watcher, runner, "127.0.0.1:0", dir], {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, AUDIT_LOG_BUCKET_PARENT_PID: String(process.pid) },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
        stderr += chunk.toString();
    });
    const timeoutMs = options.startTimeoutMs ?? 20000;
    const port = new Promise((resolve, reject) => {
        let stdout = "";
        let settled = false;
        const fail = (message) => {
            if (settled) {
                return;
            }
            settled = true;
            clearTimeout(timer);
            child.kill("SIGKILL");
            reject(new PolicyPackError(message));
        };
        const timer = setTimeout(() => fail(`policy pack ${dir} did not announce a port within ${timeoutMs} ms${stderr ? `; it wrote:\n${tail(stderr)}` : ""}`), timeoutMs);
        child.stdout.on("data", (chunk) => {
            stdout += chunk.toString();
            const newline = stdout.indexOf("\n");
            if (newline < 0 || settled) {
                return;
            }
            const first = stdout.slice(0, newline).trim();
            if (/^\d+$/.test(first)) {
                settled = true;
                clearTimeout(timer);
                resolve(Number(first));
            } else {
                fail(`policy pack ${dir} printed "${first.slice(0, 200)}" where the engine expects its port`);
            }
        });
        child.on("error", (error) => fail(`could not start policy pack ${dir}: ${error.message}`));
        child.on("exit", (code, signal) => fail(`policy pack ${dir} exited (${signal ?? `code ${code}`}) before announcing a port${stderr ? `:\n${tail(stderr)}` : ""}`));
    });
    // A caller that never asks for the port (its program failed first) must not leave an unhandled rejection.
    port.catch(() => undefined);
    return { child, dir, port, stderr: () => stderr };
}

/** Why `dir` cannot be a policy pack, or undefined when it may be one (the pack itself says the rest). */
function packDirProblem(dir) {
    return fs.existsSync(dir) ? undefined : `policy pack directory ${dir} does not exist`;
}

function tail(text) {
    return text.split("\n").slice(-20).join("\n");
}

const EARLY = Symbol.for("audit-log-bucket.early-pack");

/** A pack a preload started for `packDir`, handed over once; undefined when none was. */
function takeEarlyPack(packDir) {
    const early = globalThis[EARLY];
    if (early && early.dir === path.resolve(packDir)) {
        globalThis[EARLY] = undefined;
        return early;
    }
    return undefined;
}

module.exports = { PolicyPackError, spawnPack, takeEarlyPack, tail, EARLY };
