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
        process.once(signal, () => endOnSignal(128 + os.constants.signals[signal]));
    }
}

// How long a stopped command waits for its killed children to be gone before it exits anyway.
const REAP_WAIT_MS = 1000;

/**
 * Kills the children, then exits once they are gone: a SIGKILLed process lingers until the kernel has torn it down,
 * and whoever waits on this command (a shell, CI, a test) must not find the pack still running after it returned.
 */
function endOnSignal(code) {
    const alive = [...children].filter((child) => child.exitCode === null && child.signalCode === null);
    killAll();
    if (alive.length === 0) {
        process.exit(code);
    }
    let waiting = alive.length;
    setTimeout(() => process.exit(code), REAP_WAIT_MS);
    for (const child of alive) {
        child.once("exit", () => {
            waiting -= 1;
            if (waiting === 0) {
                process.exit(code);
            }
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
