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
 * Makes the command's end (a normal exit, process.exit after an argument error, an uncaught error, SIGINT, SIGTERM
 * or SIGHUP) kill every child tied to it first. Called before a child is spawned: a signal that arrives while
 * spawn() runs is then handled once the child is tied (handlers run after the synchronous spawn), never by the
 * default action, which would leave the child behind.
 */
function hookCommandEnd() {
    if (hooked) {
        return;
    }
    hooked = true;
    process.on("exit", killAll);
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
        process.once(signal, () => {
            killAll();
            process.exit(128 + os.constants.signals[signal]);
        });
    }
}

/** Ties a child process to this command: whichever way the command ends, the child is killed first. */
function endWithCommand(child) {
    hookCommandEnd();
    children.add(child);
    return child;
}

module.exports = { endWithCommand, hookCommandEnd };
