export declare class ProgramTypeScriptError extends Error {}
/** Registers a .ts loader that uses the typescript package of the program in `root` (an optional peer). */
export declare function registerProgramTypeScript(root: string): void;
