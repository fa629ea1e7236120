"use strict";
// Plain JavaScript, as the other launch helpers: any command (TypeScript or compiled) ends through it. Types:
// exitAfterOutput.d.ts.

/**
 * Ends the command with `code` once stdout and stderr have taken everything written to them. process.exit() alone
 * drops what a pipe has not yet read: on Linux a write to a full pipe is queued in the process, and a 300 kB JSON
 * document through `| cat` came out cut at 64 kB or 128 kB, at a different length each run. The exit code is set
 * first, so a command that ends by itself before the callbacks run (nothing left open) ends with the same code.
 */
function exitAfterOutput(code) {
    process.exitCode = code;
    let pending = 2;
    const done = () => {
        pending -= 1;
        if (pending === 0) {
            process.exit(code);
        }
    };
    for (const stream of [process.stdout, process.stderr]) {
        if (stream.destroyed || stream.writableEnded) {
            done();
        } else {
            // A write's callback runs once everything before it has been handed to the kernel, in order.
            stream.write("", done);
        }
    }
}

/** Runs an async command's main: its number is the exit code; an error is printed (with `usage` when given) and exits 2. */
function runCommand(main, usage) {
    Promise.resolve()
        .then(main)
        .then(
            (code) => exitAfterOutput(code),
            (error) => {
                const message = error instanceof Error ? error.message : String(error);
                console.error(`error: ${message}${usage ? `\n\n${usage}` : ""}`);
                exitAfterOutput(2);
            },
        );
}

module.exports = { exitAfterOutput, runCommand };
