#!/usr/bin/env node
"use strict";
// The package's one command line: `audit-log-bucket <command>` (npx audit-log-bucket <command> in a consumer's
// project). The repository's npm scripts run the same file, so both take one code path: in a checkout it runs the
// TypeScript sources through the transpile cache; in an installed package, the compiled JavaScript under dist/.
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SOURCES = fs.existsSync(path.join(ROOT, "tools", "preview.ts"));

/** Each command, the tool that runs it, and whether the policy pack starts first (before the tool's modules load). */
const COMMANDS = {
    preview: { tool: "preview", pack: true, summary: "preview a Pulumi program offline under mocks, with the policy pack (--program <dir>, --stack, --all)" },
    audit: { tool: "audit", pack: true, summary: "check a `pulumi stack export` file with the policy pack (--state <file>)" },
    verify: { tool: "verify", pack: true, summary: "check a deployed bucket: hardening, deliveries, drift (--bucket <name> | --stack <name>)" },
    cost: { tool: "cost", pack: false, summary: "model a stack's bucket bill over its retention (--stack)" },
    "new-stack": { tool: "newStack", pack: false, summary: "write stack files for more accounts and regions (--account --region | --accounts)" },
    stacks: { tool: "stacks", pack: false, summary: "list the stacks with account, region and policy config (--json)" },
};

const USAGE = `usage: audit-log-bucket <command> [options]   (npx audit-log-bucket <command> --help for a command's options)

Commands:
${Object.entries(COMMANDS)
    .map(([name, command]) => `  ${name.padEnd(12)}${command.summary}`)
    .join("\n")}
  access-matrix  stays a repository command (its IAM evaluator is AGPL-3.0, a dev dependency): see --help

Exit status: as the command's; 2 for an unknown command.`;

const ACCESS_MATRIX = `access-matrix is a repository command, not part of the installed package: its IAM evaluator,
@cloud-copilot/iam-simulate, is licensed AGPL-3.0 and stays a dev dependency. Run it from a checkout:
  git clone <this repository> && cd audit-log-bucket && npm ci && npm run access-matrix -- --stack <name>`;

function main(argv) {
    const [name, ...rest] = argv;
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
        console.log(USAGE);
        return name === undefined ? 2 : 0;
    }
    if (name === "access-matrix") {
        const asked = rest.includes("--help") || rest.includes("-h");
        (asked ? console.log : console.error)(ACCESS_MATRIX);
        return asked ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) {
        console.error(`error: unknown command "${name}" (commands: ${[...Object.keys(COMMANDS), "access-matrix"].join(", ")})\n\n${USAGE}`);
        return 2;
    }
    const script = SOURCES ? path.join(ROOT, "tools", `${command.tool}.ts`) : path.join(ROOT, "dist", "tools", `${command.tool}.js`);
    // The tool reads its arguments from process.argv, as when it is run by itself.
    process.argv = [process.argv[0], script, ...rest];
    const launch = SOURCES ? path.join(ROOT, "tools", "launch") : path.join(ROOT, "dist", "tools", "launch");
    if (command.pack) {
        require(path.join(launch, "startPack.js"));
    }
    if (SOURCES) {
        require(path.join(launch, "transpileCache.js"));
    }
    require(script);
    return undefined;
}

const code = main(process.argv.slice(2));
if (code !== undefined) {
    process.exitCode = code;
}
