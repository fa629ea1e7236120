import { parseArgs } from "util";
import { dropSourceMappedStacks } from "./offline/fastStacks";
import { PROJECT_PACK_DIR, ensurePackBuilt, readPolicyConfig } from "./policy/packDir";
import { spawnPack, takeEarlyPack } from "./policy/spawnPack";

const USAGE = `usage: npm run preview -- [--stack <name>] [--json] [-c key=value ...] [--policy-pack <dir>] [--policy-config <file>]

Runs the stack program offline on the real Pulumi SDK under mocks (no credentials, no AWS calls), prints the
planned resources, and checks them with the policy pack over the Analyzer protocol, as pulumi preview does.
Exit status: 0 clean, 1 a mandatory policy violation, 2 bad input or config.`;

async function main(argv: string[]): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string", short: "s", default: "dev" },
            json: { type: "boolean", default: false },
            config: { type: "string", short: "c", multiple: true, default: [] },
            "policy-pack": { type: "string", default: PROJECT_PACK_DIR },
            "policy-config": { type: "string" },
            "policy-pack-config": { type: "string" },
            help: { type: "boolean", short: "h", default: false },
        },
        allowPositionals: false,
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    const stack = values.stack as string;
    const packDir = values["policy-pack"] as string;
    // The pack starts first (from the preload, when there is one), before the SDK and the program load: the two
    // are independent until the verdicts are asked for.
    const early = takeEarlyPack(packDir);
    const rebuilt = ensurePackBuilt(packDir);
    if (early && rebuilt) {
        early.child.kill("SIGKILL");
    }
    const pack = early && !rebuilt ? early : spawnPack(packDir);
    dropSourceMappedStacks();
    try {
        const policyConfig = readPolicyConfig((values["policy-config"] ?? values["policy-pack-config"]) as string | undefined);
        const { runPreview } = await import("./offline/preview");
        const { document, text } = await runPreview({ stack, overrides: values.config as string[], pack, policyConfig });
        console.log(values.json ? JSON.stringify(document, null, 2) : text);
        return document.summary.mandatory > 0 ? 1 : 0;
    } catch (error) {
        pack.child.kill("SIGKILL");
        const problems = (error as { problems?: unknown }).problems;
        const message = error instanceof Error ? error.message : String(error);
        if (values.json) {
            console.log(JSON.stringify({ stack, error: { message, problems } }, null, 2));
        } else {
            console.error(`error: ${message}`);
        }
        return 2;
    }
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
        process.exit(2);
    },
);
