/**
 * The Pulumi SDK captures a stack trace for every promise and resource it creates (`new Error().stack`, kept for
 * its leak report), and nobody reads them in a preview. Two costs follow, both measured with node --cpu-prof
 * (docs/benchmarks.md):
 * - ts-node installs source-map-support, which maps every trace through source maps (175 ms per component
 *   instance with it, 45 ms without): the tools turn it off, and an unexpected error's trace then points into
 *   the transpiled JavaScript, whose lines follow the TypeScript closely;
 * - formatting the captured frames was still about a third of `preview --all`'s CPU time: the tools keep no
 *   frames. The SDK raises the limit itself where it reads a trace (a resource's source position), and the tools
 *   print an error's message, never its trace.
 */
export function dropSourceMappedStacks(): void {
    (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
}

/** As dropSourceMappedStacks, and no frames captured at all. */
export function dropStackTraces(): void {
    dropSourceMappedStacks();
    Error.stackTraceLimit = 0;
}
