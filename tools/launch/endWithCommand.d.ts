import type { ChildProcess } from "child_process";

/** Kills `child` whichever way this command ends (exit, uncaught error, SIGINT, SIGTERM, SIGHUP). */
export declare function endWithCommand<T extends ChildProcess>(child: T): T;
