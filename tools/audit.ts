// The pack starts first, before the driver's own modules (gRPC, the protocol's messages) load: its start-up is the
// larger share of an audit (a CPU profile showed the driver idle for most of it), and the two are independent until
// the first call. Then the project's TypeScript comes from the transpile cache.
import "./launch/startPack";
import "./launch/transpileCache";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { PolicyConfigFile, analyzeWithPack } from "./policy/analyzer";
import { takeEarlyPack } from "./policy/spawnPack";
import { PROJECT_PACK_DIR, ensurePackBuilt, readPolicyConfig } from "./policy/packDir";
import { readStackExport } from "./policy/stackExport";
import { Remediation, changedProperties, summarize } from "./policy/violations";
import { exitAfterOutput } from "./launch/exitAfterOutput";

const USAGE = `usage: npm run audit -- --state <stack-export.json> [--json] [--remediate] [--policy-config <file>] [--policy-pack <dir>]

Checks what is already deployed: runs the policy pack over a \`pulumi stack export\` file, from any program.
--remediate applies the pack's remediations first, as \`pulumi up\` would (with the project's pack, those of
policy-pack/config.remediate.json unless --policy-config sets them), and prints each with the verdicts that remain.
Exit status: 0 clean, 1 a mandatory violation or a remediation (what was remediated in the export is still wrong
in AWS), 2 a file that is not a stack export, or bad arguments.`;

/** With --remediate, the policy config: the given one, over the project's remediation config for the project's pack. */
function remediatingConfig(packDir: string, given: PolicyConfigFile | undefined): PolicyConfigFile {
    if (path.resolve(packDir) !== PROJECT_PACK_DIR) {
        return given ?? {};
    }
    const remediations = JSON.parse(fs.readFileSync(path.join(PROJECT_PACK_DIR, "config.remediate.json"), "utf8")) as PolicyConfigFile;
    return { ...remediations, ...(given ?? {}) };
}

function printRemediation(remediation: Remediation): void {
    console.log(`  [remediated] ${remediation.policy}  ${remediation.urn}`);
    for (const { property, before, after } of changedProperties(remediation)) {
        console.log(`      ${property}: ${JSON.stringify(before) ?? "(unset)"} -> ${JSON.stringify(after) ?? "(unset)"}`);
    }
}

async function main(argv: string[]): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            state: { type: "string" },
            json: { type: "boolean", default: false },
            remediate: { type: "boolean", default: false },
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
    const packDir = values["policy-pack"] as string;
    const exported = readStackExport(values.state);
    const given = readPolicyConfig((values["policy-config"] ?? values["policy-pack-config"]) as string | undefined) as PolicyConfigFile | undefined;
    const policyConfig = values.remediate ? remediatingConfig(packDir, given) : given;
    const early = takeEarlyPack(packDir);
    // A pack started before its rules were rebuilt would run the old rules.
    const rebuilt = ensurePackBuilt(packDir);
    if (early && rebuilt) {
        early.child.kill("SIGKILL");
    }
    const { info, violations, remediations } = await analyzeWithPack(early && !rebuilt ? early : packDir, exported.resources, {
        project: exported.project,
        stack: exported.stack,
        dryRun: false,
        policyConfig,
    });
    const summary = { resources: exported.resources.length, policyPacks: [`${info.name}@${info.version}`], remediations: remediations.length, ...summarize(violations) };
    if (values.json) {
        console.log(JSON.stringify({ stack: exported.stack, project: exported.project, remediations, violations, summary }, null, 2));
    } else {
        console.log(`Audited ${summary.resources} resources of ${exported.project}/${exported.stack} with ${summary.policyPacks.join(", ")}`);
        remediations.forEach(printRemediation);
        for (const violation of violations) {
            console.log(`  [${violation.enforcementLevel}] ${violation.policy}  ${violation.urn}\n      ${violation.message}`);
        }
        const remediated = remediations.length > 0 ? `${remediations.length} remediation(s) applied to the export, not to AWS; ` : "";
        console.log(`${remediated}${summary.mandatory} mandatory, ${summary.advisory} advisory violation(s)`);
    }
    // A remediated export still describes what AWS has: each remediation is a setting still wrong there.
    return summary.mandatory > 0 || remediations.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
    (code) => exitAfterOutput(code),
    (error) => {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
        exitAfterOutput(2);
    },
);
