"use strict";
// The test processes' loader: ts-node's transpile-only mode (as before), with one change to its source-mapped stack
// traces. The Pulumi SDK captures `new Error().stack` for every promise it wraps (runtime/debuggable.js, kept only
// to print a leaked promise's origin), and ts-node's source-map-support maps every frame of every such capture: a CPU
// profile of the component's property test under mocks spent about half its time there. Those captures get V8's own
// unmapped text; every other error (an assertion, a thrown validation error) keeps its mapped stack.
require("ts-node/register/transpile-only");
// The modules a test process loads come from Node's compile cache, as the tools' do (tools/launch/compileCache.js).
require("../../tools/launch/compileCache").enableCompileCache();

const mapped = Error.prepareStackTrace;
if (typeof mapped === "function") {
    Error.prepareStackTrace = function prepareStackTrace(error, callSites) {
        if (callSites.length > 0 && callSites[0].getFunctionName() === "debuggablePromise") {
            return `${Error.prototype.toString.call(error)}${callSites.map((site) => `\n    at ${site}`).join("")}`;
        }
        return mapped.call(this, error, callSites);
    };
}
