/**
 * ts-node installs source-map-support, which maps every stack trace through source maps when it is read. The
 * Pulumi SDK reads a stack trace for every promise and resource it creates, so under it a plan spends most of its
 * time mapping traces nobody prints (measured: 175 ms per component instance with it, 45 ms without). The command
 * line tools turn it off; an unexpected error's trace then points into the transpiled JavaScript, whose lines
 * follow the TypeScript closely.
 */
export function dropSourceMappedStacks(): void {
    (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
}
