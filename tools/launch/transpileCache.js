"use strict";
// Loads the project's TypeScript the way ts-node's transpile-only mode does (typescript's transpileModule with the
// project's tsconfig), but keeps each file's JavaScript in a cache keyed by its content, so a warm run never loads
// the TypeScript compiler at all: a CPU profile of `npm run preview` showed the compiler's loading and transpiling
// as the largest share of a preview (docs/benchmarks.md). Preloaded with `node -r`, or required first by a tool
// that was itself started under ts-node (later files then come from the cache). Files under node_modules are left
// to whatever loader was there (as ts-node does).
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = require("./packageRoot").PACKAGE_ROOT;
// The tools load the Pulumi SDK and the AWS SDK clients from Node's compile cache too (compileCache.js).
require("./compileCache").enableCompileCache();
const CACHE_DIR = process.env.AUDIT_LOG_BUCKET_TS_CACHE || path.join(ROOT, "node_modules", ".cache", "audit-log-bucket-ts");
const INSTALLED = Symbol.for("audit-log-bucket.transpile-cache");

let compiler;

/** The compiler and the options ts-node would use for this project, loaded on the first cache miss only. */
function load() {
    if (!compiler) {
        const ts = require("typescript");
        const configFile = path.join(ROOT, "tsconfig.json");
        const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configFile, ts.sys.readFile).config, ts.sys, ROOT);
        // As ts-node: no declarations or files written, CommonJS out; stack traces are not source-mapped by the tools.
        const options = { ...parsed.options, declaration: false, sourceMap: false, inlineSourceMap: false, noEmit: false, outDir: undefined };
        compiler = { ts, options };
    }
    return compiler;
}

/** What the cached JavaScript depends on besides the source: the compiler's version and the project's tsconfig. */
function salt() {
    const version = JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")).version;
    return `${version}\n${fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")}`;
}

function install() {
    if (globalThis[INSTALLED]) {
        return;
    }
    globalThis[INSTALLED] = true;
    const previous = require.extensions[".ts"];
    const keySalt = salt();
    require.extensions[".ts"] = function transpileCached(module, filename) {
        if (filename.includes(`${path.sep}node_modules${path.sep}`) && previous) {
            return previous(module, filename);
        }
        const source = fs.readFileSync(filename, "utf8");
        const key = crypto.createHash("sha256").update(keySalt).update("\0").update(filename).update("\0").update(source).digest("hex");
        const cached = path.join(CACHE_DIR, `${key}.js`);
        let output;
        try {
            output = fs.readFileSync(cached, "utf8");
        } catch {
            const { ts, options } = load();
            output = ts.transpileModule(source, { compilerOptions: options, fileName: filename, reportDiagnostics: false }).outputText;
            try {
                fs.mkdirSync(CACHE_DIR, { recursive: true });
                // Written under a temporary name and renamed, so a concurrent run never reads half a file.
                const temporary = `${cached}.${process.pid}.tmp`;
                fs.writeFileSync(temporary, output);
                fs.renameSync(temporary, cached);
            } catch {
                // A read-only checkout still runs, only without the cache.
            }
        }
        module._compile(output, filename);
    };
}

/**
 * Only a checkout has TypeScript sources to load: the installed package runs compiled JavaScript, has no
 * tsconfig.json, and may have no typescript at all (a consumer's .ts program is loaded by programTypeScript.js).
 */
function isCheckout() {
    try {
        require.resolve("typescript/package.json");
    } catch {
        return false;
    }
    return fs.existsSync(path.join(ROOT, "tsconfig.json"));
}

if (isCheckout()) {
    install();
}
module.exports = { CACHE_DIR };
