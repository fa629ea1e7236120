"use strict";
// Preloaded into the policy pack's process (node -r, by spawnPack): the pack ends when the command that started it
// is gone, whichever way that went. A command killed with SIGKILL runs no handler of its own, and without this its
// pack kept running, re-parented to PID 1, for over a minute. When the parent dies the kernel re-parents this
// process (to PID 1 or a subreaper), so its parent id changes; a check every 100 ms sees that.
//
// The check runs in a worker thread, on its own event loop: the pack spends its first second loading its modules
// synchronously, and a timer on the main thread would only fire after that. The worker kills its own process,
// which no busy main thread can delay; it is unref'd and only sleeps on a timer, so it never keeps the pack alive
// nor delays its exit.
const { Worker } = require("worker_threads");
const { enableCompileCache, flushCompileCache } = require("./compileCache");

// The pack loads the Pulumi SDK, gRPC and the rules from Node's compile cache (compileCache.js), and writes what it
// compiled as soon as it announces its port: it is ended with a signal, so Node's own write at exit never runs.
if (enableCompileCache()) {
    const write = process.stdout.write;
    process.stdout.write = function firstWrite(...args) {
        process.stdout.write = write;
        setImmediate(flushCompileCache);
        return write.apply(this, args);
    };
}

// The command's pid, as it told it (spawnPack): a command killed before this process got this far has already
// handed it to PID 1, so the parent id read here would be the wrong one to watch.
const parent = Number(process.env.AUDIT_LOG_BUCKET_PARENT_PID) || process.ppid;
if (process.ppid !== parent) {
    process.kill(process.pid, "SIGKILL");
}

const WATCH = `
const parent = ${parent};
if (process.ppid !== parent) {
    process.kill(process.pid, "SIGKILL");
}
setInterval(() => {
    if (process.ppid !== parent) {
        process.kill(process.pid, "SIGKILL");
    }
}, 100);
`;

const worker = new Worker(WATCH, { eval: true, stdout: false, stderr: false });
worker.unref();
// A worker that fails to start leaves the pack as it was.
worker.on("error", () => undefined);
