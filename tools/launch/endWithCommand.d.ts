import type { ChildProcess } from "child_process";

/** Kills `child` whichever way this command ends (exit, uncaught error, SIGINT, SIGTERM, SIGHUP). */
export declare function endWithCommand<T extends ChildProcess>(child: T): T;

/** Installs the exit and signal hooks before any child exists, so a signal during spawn() still kills the child. */
export declare function hookCommandEnd(): void;
