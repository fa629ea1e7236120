import { parseArgs } from "util";
import { AuditLogBucketArgsError } from "../components/validation";
import { planStack } from "./offline/plan";
import { PlannedResource, plannedResource, renderPlan } from "./offline/render";
import { PolicyPackProcess, analyzeWithPack } from "./policy/analyzer";
import { analyzerResource } from "./policy/fromPlan";
import { PROJECT_PACK_DIR, ensurePackBuilt, readPolicyConfig } from "./policy/packDir";
import { Violation, summarize } from "./policy/violations";

const USAGE = `usage: npm run preview -- [--stack <name>] [--json] [-c key=value ...] [--policy-pack <dir>] [--policy-config <file>]

Runs the stack program offline on the real Pulumi SDK under mocks (no credentials, no AWS calls), prints the
planned resources, and checks them with the policy pack over the Analyzer protocol, as pulumi preview does.
Exit status: 0 clean, 1 a mandatory policy violation, 2 bad input or config.`;

export interface PreviewDocument {
    stack: string;
    resources: PlannedResource[];
    violations: Violation[];
    summary: { resources: number; byType: Record<string, number>; policyPacks: string[]; mandatory: number; advisory: number };
    outputs: Record<string, unknown>;
}

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
    ensurePackBuilt(packDir);
    // The pack starts while the program runs: the two are independent until the verdicts are asked for.
    const pack = PolicyPackProcess.start(packDir);
    pack.catch(() => undefined);
    try {
        const policyConfig = readPolicyConfig((values["policy-config"] ?? values["policy-pack-config"]) as string | undefined);
        const plan = await planStack({ stack, overrides: values.config as string[] });
        const { info, violations } = await analyzeWithPack(pack, plan.resources.map(analyzerResource), {
            project: plan.stack.project,
            stack,
            dryRun: true,
            policyConfig,
            config: plan.stack.config,
        });
        const resources = plan.resources.map(plannedResource);
        const counts = summarize(violations);
        const document: PreviewDocument = {
            stack,
            resources,
            violations,
            summary: {
                resources: resources.length,
                byType: countBy(resources.map((resource) => resource.type)),
                policyPacks: [`${info.name}@${info.version}`],
                mandatory: counts.mandatory,
                advisory: counts.advisory,
            },
            outputs: plan.outputs,
        };
        console.log(values.json ? JSON.stringify(document, null, 2) : renderPlan(stack, resources, violations, plan.outputs));
        return counts.mandatory > 0 ? 1 : 0;
    } catch (error) {
        (await pack.catch(() => undefined))?.close();
        const problems = error instanceof AuditLogBucketArgsError ? error.problems : undefined;
        const message = error instanceof Error ? error.message : String(error);
        if (values.json) {
            console.log(JSON.stringify({ stack, error: { message, problems } }, null, 2));
        } else {
            console.error(`error: ${message}`);
        }
        return 2;
    }
}

function countBy(values: string[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const value of values) {
        counts[value] = (counts[value] ?? 0) + 1;
    }
    return counts;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
        process.exit(2);
    },
);
