import { parseArgs } from "util";
import { analyzeWithPack } from "./policy/analyzer";
import { PROJECT_PACK_DIR, ensurePackBuilt, readPolicyConfig } from "./policy/packDir";
import { readStackExport } from "./policy/stackExport";
import { summarize } from "./policy/violations";

const USAGE = `usage: npm run audit -- --state <stack-export.json> [--json] [--policy-config <file>] [--policy-pack <dir>]

Checks what is already deployed: runs the policy pack over a \`pulumi stack export\` file, from any program.
Exit status: 0 clean, 1 a mandatory violation, 2 a file that is not a stack export, or bad arguments.`;

async function main(argv: string[]): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            state: { type: "string" },
            json: { type: "boolean", default: false },
            "policy-config": { type: "string" },
            "policy-pack-config": { type: "string" },
            "policy-pack": { type: "string", default: PROJECT_PACK_DIR },
            help: { type: "boolean", short: "h", default: false },
        },
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    if (!values.state) {
        throw new Error("--state <file> is required");
    }
    const exported = readStackExport(values.state);
    const policyConfig = readPolicyConfig((values["policy-config"] ?? values["policy-pack-config"]) as string | undefined);
    ensurePackBuilt(values["policy-pack"] as string);
    const { info, violations } = await analyzeWithPack(values["policy-pack"] as string, exported.resources, {
        project: exported.project,
        stack: exported.stack,
        dryRun: false,
        policyConfig,
    });
    const summary = { resources: exported.resources.length, policyPacks: [`${info.name}@${info.version}`], ...summarize(violations) };
    if (values.json) {
        console.log(JSON.stringify({ stack: exported.stack, project: exported.project, violations, summary }, null, 2));
    } else {
        console.log(`Audited ${summary.resources} resources of ${exported.project}/${exported.stack} with ${summary.policyPacks.join(", ")}`);
        for (const violation of violations) {
            console.log(`  [${violation.enforcementLevel}] ${violation.policy}  ${violation.urn}\n      ${violation.message}`);
        }
        console.log(`${summary.mandatory} mandatory, ${summary.advisory} advisory violation(s)`);
    }
    return summary.mandatory > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
        process.exit(2);
    },
);
