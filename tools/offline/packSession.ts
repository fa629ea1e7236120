import { AnalyzerResource, PackInfo, PendingPack, PolicyConfigFile, PolicyPackProcess, analyzeResources } from "../policy/analyzer";
import type { Remediation, Violation } from "../policy/violations";

export interface StackCheck {
    info: PackInfo;
    violations: Violation[];
    remediations: Remediation[];
}

/**
 * One policy-pack process checking one stack after another, as the engine drives a pack for one stack:
 * ConfigureStack, then (first time only) GetAnalyzerInfo and Configure, then Remediate (when a policy is at that
 * level) and Analyze per resource, AnalyzeStack, the way analyzeWithPack does for a single stack. Starting
 * the pack once for a fleet saves its start-up (most of a preview's time) for every stack after the first.
 */
export class PackSession {
    private info?: PackInfo;
    /** The policy config the pack was last sent (Configure replaces the pack's whole config), as JSON. */
    private configured?: string;

    private constructor(
        private readonly pack: PolicyPackProcess,
        private readonly policyConfig: PolicyConfigFile | undefined,
    ) {}

    static async open(pending: PendingPack, policyConfig?: PolicyConfigFile): Promise<PackSession> {
        return new PackSession(await PolicyPackProcess.connect(pending), policyConfig);
    }

    /**
     * Checks one stack. `policyConfig` is this stack's own (a fleet runs each stack with its policy group); without
     * it, the session's. Configure is sent whenever the config differs from the one the pack last had: each sends
     * every policy with an explicit level, so a stack never inherits the levels of the stack before it.
     */
    async check(
        stack: { project: string; stack: string; config: Record<string, string> },
        resources: readonly AnalyzerResource[],
        dryRun: boolean,
        policyConfig: PolicyConfigFile | undefined = this.policyConfig,
    ): Promise<StackCheck> {
        await this.pack.configureStack({ project: stack.project, stack: stack.stack, dryRun, config: stack.config });
        if (!this.info) {
            this.info = await this.pack.info();
        }
        const wanted = JSON.stringify(policyConfig ?? {});
        if (wanted !== (this.configured ?? "{}")) {
            await this.pack.configure(this.info, policyConfig ?? {});
            this.configured = wanted;
        }
        const { violations, remediations } = await analyzeResources(this.pack, this.info, resources, policyConfig ?? {});
        return { info: this.info, violations, remediations };
    }

    close(): void {
        this.pack.close();
    }
}
