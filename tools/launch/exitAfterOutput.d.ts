/** Sets process.exitCode, then exits once stdout and stderr have drained: output stays whole through a pipe. */
export declare function exitAfterOutput(code: number): void;

/** Runs `main`; its result is the exit code, an error is printed (with `usage`) and exits 2. Output drains first. */
export declare function runCommand(main: () => number | Promise<number>, usage?: string): void;
