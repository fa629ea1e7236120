"use strict";
// Plain JavaScript: the preload (startPack.js) needs it before TypeScript loads. Types: endWithCommand.d.ts.
const os = require("os");

let hooked = false;
const children = new Set();

function killAll() {
    for (const child of children) {
        if (child.exitCode === null && child.signalCode === null) {
            child.kill("SIGKILL");
        }
    }
}

/**
 * Ties a child process to this command: whichever way the command ends (a normal exit, process.exit after an
 * argument error, an uncaught error, SIGINT, SIGTERM or SIGHUP), the child is killed first, so none outlives it.
 */
function endWithCommand(child) {
    children.add(child);
    if (!hooked) {
        hooked = true;
        process.on("exit", killAll);
        for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
            process.once(signal, () => {
                killAll();
                process.exit(128 + os.constants.signals[signal]);
            });
        }
    }
    return child;
}

module.exports = { endWithCommand };
