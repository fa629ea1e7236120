import * as fs from "fs";
import * as path from "path";

/**
 * The node arguments of a package.json script that runs `node ...`, so a benchmark times exactly what
 * `npm run <name>` runs, and follows the script when it changes. Scripts here are plain words: no quoting, no
 * shell operators, which is checked.
 */
export function scriptNodeArgs(root: string, name: string): string[] {
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
    const script = scripts[name];
    if (script === undefined) {
        throw new Error(`package.json has no "${name}" script`);
    }
    if (/["'`$|&;<>()\\]/.test(script)) {
        throw new Error(`package.json script "${name}" uses shell syntax the benchmark cannot replay: ${script}`);
    }
    const [command, ...args] = script.trim().split(/\s+/);
    if (command !== "node") {
        throw new Error(`package.json script "${name}" does not run node: ${script}`);
    }
    return args;
}

/**
 * A policy pack with nothing to check (one resource policy and one stack policy that return at once), written to
 * `dir`: the protocol's own cost, the same requests through @pulumi/policy's server with no rule behind them.
 */
export function writeNoopPack(dir: string): string {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "noop-pack", version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(
        path.join(dir, "index.js"),
        [
            'const { PolicyPack } = require("@pulumi/policy");',
            'new PolicyPack("noop", {',
            "    policies: [",
            '        { name: "noop-resource", description: "checks nothing", enforcementLevel: "advisory", validateResource: () => undefined },',
            '        { name: "noop-stack", description: "checks nothing", enforcementLevel: "advisory", validateStack: () => undefined },',
            "    ],",
            "});",
            "",
        ].join("\n"),
    );
    return dir;
}
