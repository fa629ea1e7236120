"use strict";
// Loads a consumer's TypeScript program for `audit-log-bucket preview --program <dir>` with the consumer's own
// `typescript` (an optional peer of this package), as Pulumi's Node.js language host transpiles a TypeScript
// program with the project's compiler: transpile-only, CommonJS, the program's tsconfig.json when it has one.
const fs = require("fs");
const path = require("path");

class ProgramTypeScriptError extends Error {
    constructor(message) {
        super(message);
        this.name = "ProgramTypeScriptError";
    }
}

/** The compiler of the program in `root`, or an error saying how to install it. */
function programCompiler(root) {
    let resolved;
    try {
        resolved = require.resolve("typescript", { paths: [root] });
    } catch {
        throw new ProgramTypeScriptError(
            `the program in ${root} is TypeScript, and audit-log-bucket transpiles it with the program's own typescript ` +
                `package (an optional peer dependency), which is not installed there: run npm install --save-dev typescript in ${root}`,
        );
    }
    return require(resolved);
}

/** Registers the .ts loader for the program in `root`; does nothing when one is registered already. */
function registerProgramTypeScript(root) {
    if (require.extensions[".ts"]) {
        return;
    }
    const ts = programCompiler(root);
    const configFile = path.join(root, "tsconfig.json");
    const parsed = fs.existsSync(configFile) ? ts.parseJsonConfigFileContent(ts.readConfigFile(configFile, ts.sys.readFile).config, ts.sys, root).options : {};
    const options = {
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        ...parsed,
        module: ts.ModuleKind.CommonJS,
        declaration: false,
        sourceMap: false,
        inlineSourceMap: false,
        noEmit: false,
    };
    require.extensions[".ts"] = function transpileProgram(module, filename) {
        const output = ts.transpileModule(fs.readFileSync(filename, "utf8"), { compilerOptions: options, fileName: filename, reportDiagnostics: false }).outputText;
        module._compile(output, filename);
    };
}

module.exports = { ProgramTypeScriptError, registerProgramTypeScript };
