"use strict";
// Node 22's on-disk compile cache (module.enableCompileCache, Node >= 22.1; module.flushCompileCache, >= 22.10):
// V8 keeps the code it compiled for each CommonJS module on disk, keyed by the module's content, and a later process
// loading the same module skips the compilation. Every command and every policy pack process loads the Pulumi SDK,
// gRPC and the AWS SDK clients anew, and compiling them was most of a pack's start (1.3 s of CPU before it announced
// its port; 0.6 s with a warm cache, on this repository's two-core machine). A Node without the API, or a cache
// directory that cannot be written, runs as before: Node reports that in the returned status and never throws.
const fs = require("fs");
const path = require("path");
const Module = require("module");
const { PACKAGE_ROOT } = require("./packageRoot");

/**
 * Turns the cache on for this process: NODE_COMPILE_CACHE when the user set it, else node_modules/.cache of this
 * checkout (beside the transpile cache), else Node's default under the temporary directory.
 */
function enableCompileCache() {
    if (typeof Module.enableCompileCache !== "function") {
        return false;
    }
    const modules = path.join(PACKAGE_ROOT, "node_modules");
    const dir = process.env.NODE_COMPILE_CACHE || !fs.existsSync(modules) ? undefined : path.join(modules, ".cache", "audit-log-bucket-v8");
    const { status } = Module.enableCompileCache(dir);
    return status === Module.constants.compileCacheStatus.ENABLED || status === Module.constants.compileCacheStatus.ALREADY_ENABLED;
}

/**
 * Writes what was compiled so far. Node writes the cache when a process exits normally; a pack is ended with a
 * signal, so it flushes once it has loaded (when it announces its port).
 */
function flushCompileCache() {
    if (typeof Module.flushCompileCache === "function") {
        Module.flushCompileCache();
    }
}

module.exports = { enableCompileCache, flushCompileCache };
