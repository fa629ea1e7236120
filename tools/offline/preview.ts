import type { PendingPack, PolicyConfigFile } from "../policy/analyzer";
import { analyzerResource } from "../policy/fromPlan";
import { Remediation, Violation, summarize } from "../policy/violations";
import { PackSession } from "./packSession";
import { planStack } from "./plan";
import { PlannedResource, plannedResource, renderPlan } from "./render";
import { PolicyVerdict, policyVerdicts } from "./verdicts";

/** The document `npm run preview -- --json` prints for one stack. */
export interface PreviewDocument {
    stack: string;
    /** `preview`: computed values of created resources are the unknown sentinel, as in `pulumi preview --json`. */
    mode: "preview" | "as-deployed";
    resources: PlannedResource[];
    violations: Violation[];
    /** Changes policies at `remediate` level made to resources' inputs. */
    remediations: Remediation[];
    /** Every policy of the pack with the level it ran at and its verdict. */
    policies: PolicyVerdict[];
    /** The policy config file the pack ran with ("" for the pack's own levels), as `stacks --json` names it. */
    policyConfig: string;
    summary: { resources: number; byType: Record<string, number>; policyPacks: string[]; mandatory: number; advisory: number };
    outputs: Record<string, unknown>;
}

export interface StackPreviewOptions {
    stack: string;
    overrides?: readonly string[];
    /** Today's fully known plan (after `pulumi up`) instead of a preview. @default false */
    asDeployed?: boolean;
    /** Where the stack files are. @default the project's stacks/ */
    stacksDir?: string;
    /** Another program's directory (its Pulumi.yaml, Pulumi.<stack>.yaml and entry point). @default this repository */
    root?: string;
    /** The entry point, relative to root. @default index.ts */
    program?: string;
}

/** Plans one stack under mocks and asks the pack session for its verdicts, as pulumi preview does. */
export async function previewStack(session: PackSession, policyConfig: NamedPolicyConfig, options: StackPreviewOptions): Promise<PreviewDocument> {
    return (await planForPreview(options)).check(session, policyConfig);
}

/** A policy config and the file it came from ("" and no config: the pack's own levels). */
export interface NamedPolicyConfig {
    file: string;
    config?: PolicyConfigFile;
}

/** A planned stack waiting for its verdicts. */
export interface PlannedPreview {
    check(session: PackSession, policyConfig: NamedPolicyConfig): Promise<PreviewDocument>;
}

/**
 * The program's run, apart from the verdicts: a fleet preview plans the next stack (the SDK's state is global, so
 * programs run one at a time) while the pack process checks this one.
 */
export async function planForPreview(options: StackPreviewOptions): Promise<PlannedPreview> {
    const plan = await planStack({ stack: options.stack, overrides: options.overrides, asDeployed: options.asDeployed, stacksDir: options.stacksDir, root: options.root, program: options.program });
    return {
        async check(session, policyConfig) {
            const { info, violations, remediations } = await session.check(
                { project: plan.stack.project, stack: options.stack, config: plan.stack.config },
                plan.resources.map(analyzerResource),
                !options.asDeployed,
                policyConfig.config,
            );
            const resources = plan.resources.map(plannedResource);
            const counts = summarize(violations);
            return {
                stack: options.stack,
                mode: options.asDeployed ? "as-deployed" : "preview",
                resources,
                violations,
                remediations,
                policies: policyVerdicts(info, violations, policyConfig.config),
                policyConfig: policyConfig.file,
                summary: {
                    resources: resources.length,
                    byType: countBy(resources.map((resource) => resource.type)),
                    policyPacks: [`${info.name}@${info.version}`],
                    mandatory: counts.mandatory,
                    advisory: counts.advisory,
                },
                outputs: plan.outputs,
            };
        },
    };
}

export interface PreviewOptions extends StackPreviewOptions {
    pack: PendingPack;
    policyConfig: NamedPolicyConfig;
    /** Text width. @default 80 */
    width?: number;
}

/** One stack's preview with its own pack session: the document and its text. */
export async function runPreview(options: PreviewOptions): Promise<{ document: PreviewDocument; text: string }> {
    const session = await PackSession.open(options.pack);
    try {
        const document = await previewStack(session, options.policyConfig, options);
        return { document, text: renderPlan(document, options.width ?? 80) };
    } finally {
        session.close();
    }
}

function countBy(values: string[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const value of values) {
        counts[value] = (counts[value] ?? 0) + 1;
    }
    return counts;
}
