import type { ChildProcess } from "child_process";

export declare class PolicyPackError extends Error {
    constructor(message: string);
}

export interface StartOptions {
    /** How long the pack may take to announce its port. @default 20000 */
    startTimeoutMs?: number;
    /** How long one call may take. @default 20000 */
    callTimeoutMs?: number;
}

/** A pack process that has been started and will announce its port. */
export interface PendingPack {
    child: ChildProcess;
    dir: string;
    port: Promise<number>;
    stderr: () => string;
}

/** Starts a pack; throws a PolicyPackError naming the folder when it does not exist. */
export declare function spawnPack(packDir: string, options?: StartOptions): PendingPack;
export declare function takeEarlyPack(packDir: string): PendingPack | undefined;
export declare function tail(text: string): string;
export declare const EARLY: unique symbol;
