// First: every TypeScript file loaded after this one comes from the transpile cache (see the file for why).
import "./launch/transpileCache";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { dropStackTraces } from "./offline/fastStacks";
import { PROJECT_PACK_DIR, ensurePackBuilt, readPolicyConfig } from "./policy/packDir";
import { PendingPack, spawnPack, takeEarlyPack } from "./policy/spawnPack";
import { endWithCommand } from "./launch/endWithCommand";
import { exitAfterOutput } from "./launch/exitAfterOutput";

const USAGE = `usage: audit-log-bucket preview [--program <dir>] [--stack <name> | --all] [--json] [--as-deployed] [-c key=value ...]
                                [--policy-pack <dir>] [--policy-config <file>] [--stacks-dir <dir>]
       (in this repository: npm run preview -- ...)

--program <dir> previews any Pulumi TypeScript or JavaScript program (its Pulumi.yaml, Pulumi.<stack>.yaml and main),
transpiled with the program's own typescript package; default: this repository's stack program.
Runs the stack program offline on the real Pulumi SDK under mocks (no credentials, no AWS calls), prints the
planned resources, and checks them with the policy pack over the Analyzer protocol, as pulumi preview does:
values AWS computes (ids, ARNs) are (known after up), and the sentinel 04da6b54-80e4-46f7-96ec-b56ff0331ba9 in
--json. --as-deployed shows every value as after pulumi up. --all previews every stack of stacks/ in one process
with one pack process. For --json through npm, use npm run -s (npm's banner is not JSON).
Exit status: 0 clean, 1 a mandatory policy violation, 2 bad input or config (with --all: the worst of the stacks).`;

async function main(argv: string[]): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string", short: "s" },
            all: { type: "boolean", default: false },
            json: { type: "boolean", default: false },
            "as-deployed": { type: "boolean", default: false },
            config: { type: "string", short: "c", multiple: true, default: [] },
            "policy-pack": { type: "string", default: PROJECT_PACK_DIR },
            "policy-config": { type: "string" },
            "policy-pack-config": { type: "string" },
            "stacks-dir": { type: "string" },
            program: { type: "string" },
            help: { type: "boolean", short: "h", default: false },
        },
        allowPositionals: false,
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    if (values.all && values.stack !== undefined) {
        throw new Error(`--all previews every stack: leave out --stack ${values.stack}`);
    }
    const programDir = values.program === undefined ? undefined : path.resolve(values.program as string);
    if (programDir !== undefined && !fs.existsSync(path.join(programDir, "Pulumi.yaml"))) {
        throw new Error(`--program ${values.program}: no Pulumi.yaml there (a Pulumi program's directory has one)`);
    }
    const packDir = values["policy-pack"] as string;
    if (!fs.existsSync(packDir) || !fs.statSync(packDir).isDirectory()) {
        throw new Error(`--policy-pack ${packDir}: no such directory (a policy pack is a directory with PulumiPolicy.yaml)`);
    }
    // The pack starts first (from the preload, when there is one), before the SDK and the program load: the two
    // are independent until the verdicts are asked for.
    const early = takeEarlyPack(packDir);
    const rebuilt = ensurePackBuilt(packDir);
    if (early && rebuilt) {
        early.child.kill("SIGKILL");
    }
    // Any pack this command started ends with it, whichever way it ends.
    const pack: PendingPack = early && !rebuilt ? early : spawnPack(packDir);
    endWithCommand(pack.child);
    dropStackTraces();
    const json = values.json as boolean;
    const common: { asDeployed: boolean; overrides: string[]; stacksDir?: string; root?: string; program?: string } = {
        asDeployed: values["as-deployed"] as boolean,
        overrides: values.config as string[],
        stacksDir: values["stacks-dir"] as string | undefined,
        root: programDir,
    };
    const stack = (values.stack as string | undefined) ?? "dev";
    try {
        const file = (values["policy-config"] ?? values["policy-pack-config"]) as string | undefined;
        // One --policy-config for every stack, or each stack's own (the one `stacks --json` names).
        // Another pack has other policies: it runs at its own levels unless --policy-config says otherwise.
        const given = file !== undefined ? { file, config: readPolicyConfig(file) } : path.resolve(packDir) === PROJECT_PACK_DIR && !programDir ? undefined : { file: "" };
        if (programDir) {
            const { programEntry } = await import("./offline/plan");
            common.program = programEntry(programDir);
        }
        const { terminalWidth } = await import("./offline/wrap");
        const { ownPolicyConfig } = await import("./offline/fleet");
        if (values.all) {
            const { previewAll, renderFleet } = await import("./offline/fleet");
            const fleet = await previewAll({ ...common, pack, policyConfig: given });
            console.log(json ? JSON.stringify(fleet, null, 2) : renderFleet(fleet, terminalWidth()));
            return fleet.summary.exitCode;
        }
        const { runPreview } = await import("./offline/preview");
        const policyConfig = given ?? ownPolicyConfig(stack, common.stacksDir);
        const { document, text } = await runPreview({ ...common, stack, pack, policyConfig, width: terminalWidth() });
        console.log(json ? JSON.stringify(document, null, 2) : text);
        return document.summary.mandatory > 0 ? 1 : 0;
    } catch (error) {
        pack.child.kill("SIGKILL");
        const problems = (error as { problems?: unknown }).problems;
        const message = error instanceof Error ? error.message : String(error);
        if (json) {
            console.log(JSON.stringify({ stack: values.all ? undefined : stack, error: { message, problems } }, null, 2));
        } else {
            console.error(`error: ${message}`);
        }
        return 2;
    }
}

main(process.argv.slice(2)).then(
    (code) => exitAfterOutput(code),
    (error) => {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
        exitAfterOutput(2);
    },
);
