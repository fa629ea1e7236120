import { PendingPack, PolicyConfigFile, analyzeWithPack } from "../policy/analyzer";
import { analyzerResource } from "../policy/fromPlan";
import { Violation, summarize } from "../policy/violations";
import { planStack } from "./plan";
import { PlannedResource, plannedResource, renderPlan } from "./render";

/** The document `npm run preview -- --json` prints. */
export interface PreviewDocument {
    stack: string;
    resources: PlannedResource[];
    violations: Violation[];
    summary: { resources: number; byType: Record<string, number>; policyPacks: string[]; mandatory: number; advisory: number };
    outputs: Record<string, unknown>;
}

export interface PreviewOptions {
    stack: string;
    overrides: string[];
    pack: PendingPack;
    policyConfig?: PolicyConfigFile;
}

/** Plans the stack under mocks and asks the (already starting) pack for its verdicts, as pulumi preview does. */
export async function runPreview(options: PreviewOptions): Promise<{ document: PreviewDocument; text: string }> {
    const plan = await planStack({ stack: options.stack, overrides: options.overrides });
    const { info, violations } = await analyzeWithPack(options.pack, plan.resources.map(analyzerResource), {
        project: plan.stack.project,
        stack: options.stack,
        dryRun: true,
        policyConfig: options.policyConfig,
        config: plan.stack.config,
    });
    const resources = plan.resources.map(plannedResource);
    const counts = summarize(violations);
    const document: PreviewDocument = {
        stack: options.stack,
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
    return { document, text: renderPlan(options.stack, resources, violations, plan.outputs) };
}

function countBy(values: string[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const value of values) {
        counts[value] = (counts[value] ?? 0) + 1;
    }
    return counts;
}
