import { parseArgs } from "util";
import { REPO_ROOT } from "./offline/plan";
import { listStackTargets } from "./stacks/list";
import { exitAfterOutput } from "./launch/exitAfterOutput";

const USAGE = `usage: npm run -s stacks -- [--json] [--stacks-dir <dir>]

Lists every stack of stacks/ with its account, region, partition and policy config. --json prints the list the
pull-request workflow uses as its matrix: [{"stack", "account", "region", "partition", "policyConfig"}, ...] (use
npm run -s: npm's banner is not JSON). Exit status: 0 listed, 2 a stack names no account or region.`;

function main(argv: string[]): number {
    const { values } = parseArgs({
        args: argv,
        options: {
            json: { type: "boolean", default: false },
            "stacks-dir": { type: "string" },
            help: { type: "boolean", short: "h", default: false },
        },
        allowPositionals: false,
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    const stacks = listStackTargets(REPO_ROOT, values["stacks-dir"] as string | undefined);
    if (values.json) {
        console.log(JSON.stringify(stacks));
    } else {
        const width = Math.max(5, ...stacks.map((stack) => stack.stack.length));
        const regionWidth = Math.max(6, ...stacks.map((stack) => stack.region.length));
        console.log(`${"stack".padEnd(width)}  account       ${"region".padEnd(regionWidth)}  policy config`);
        for (const stack of stacks) {
            console.log(`${stack.stack.padEnd(width)}  ${stack.account}  ${stack.region.padEnd(regionWidth)}  ${stack.policyConfig || "(the pack's own levels)"}`);
        }
    }
    return 0;
}

try {
    exitAfterOutput(main(process.argv.slice(2)));
} catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    exitAfterOutput(2);
}
