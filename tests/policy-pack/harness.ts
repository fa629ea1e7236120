import type { EnforcementLevel, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { AnalyzerResource, PackInfo, PolicyConfigFile, PolicyPackProcess, analyzeResources, reconcileConfig } from "../../tools/policy/analyzer";
import { PROJECT_PACK_DIR, ensurePackBuilt } from "../../tools/policy/packDir";
import type { Remediation, Violation } from "../../tools/policy/violations";

// The proxy @pulumi/policy wraps every resource's properties in: it throws on reading an unknown value.
const { unknownCheckingProxy, UnknownValueError } = require("@pulumi/policy/proxy") as {
    unknownCheckingProxy: <T>(value: T) => T;
    UnknownValueError: new (...args: never[]) => Error;
};

export interface Verdicts {
    violations: Violation[];
    remediations: Remediation[];
}

/** The project's pack as its own process, kept for a test file; each call runs resources through it as the engine does. */
export class PackProcess {
    private constructor(
        private readonly pack: PolicyPackProcess,
        readonly info: PackInfo,
    ) {}

    static async start(): Promise<PackProcess> {
        ensurePackBuilt(PROJECT_PACK_DIR);
        const pack = await PolicyPackProcess.start(PROJECT_PACK_DIR);
        await pack.configureStack({ project: "fixtures", stack: "test", dryRun: true });
        return new PackProcess(pack, await pack.info());
    }

    /** Remediate (when a policy is at that level), Analyze per resource on the result, then AnalyzeStack: the driver's own path. */
    async run(resources: readonly AnalyzerResource[], config: PolicyConfigFile = {}): Promise<Verdicts> {
        await this.pack.configure(this.info, config);
        return analyzeResources(this.pack, this.info, resources, config);
    }

    async verdicts(resources: readonly AnalyzerResource[], config: PolicyConfigFile = {}): Promise<Violation[]> {
        return (await this.run(resources, config)).violations;
    }

    close(): void {
        this.pack.close();
    }
}

/**
 * Runs the pack's policies in this process the way @pulumi/policy's server calls them, properties behind the same
 * unknown-checking proxy, so that mutation testing (which changes the TypeScript source, not the compiled pack) sees
 * the rules' behaviour. Every table test checks it gives exactly what the protocol gives.
 */
export function inProcessVerdicts(resources: readonly AnalyzerResource[], config: PolicyConfigFile = {}): Violation[] {
    const info: PackInfo = {
        name: "audit-log-bucket",
        version: "",
        policies: policies.map((policy) => ({
            name: policy.name,
            description: policy.description ?? "",
            enforcementLevel: (policy.enforcementLevel ?? "advisory") as Violation["enforcementLevel"],
            configSchema: policy.configSchema as PackInfo["policies"][number]["configSchema"],
        })),
    };
    const levels = new Map(reconcileConfig(info, config).map(([name, level, properties]) => [name, { level, properties }]));
    const byUrn = new Map<string, PolicyResource>();
    const stackResources = (): PolicyResource[] => {
        const built = resources.map((resource) => {
            const policyResource = {
                type: resource.type,
                props: unknownCheckingProxy(JSON.parse(JSON.stringify(resource.properties))),
                urn: resource.urn,
                name: resource.name,
                opts: {},
                dependencies: [],
                propertyDependencies: {},
            } as unknown as PolicyResource;
            byUrn.set(resource.urn, policyResource);
            return policyResource;
        });
        resources.forEach((resource, index) => {
            const target = built[index] as { propertyDependencies: Record<string, PolicyResource[]>; provider?: unknown };
            for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
                target.propertyDependencies[property] = urns.map((urn) => byUrn.get(urn)).filter((found): found is PolicyResource => found !== undefined);
            }
            const provider = resource.provider ? resources.find((candidate) => candidate.urn === resource.provider?.slice(0, resource.provider.lastIndexOf("::"))) : undefined;
            if (provider) {
                target.provider = { type: provider.type, urn: provider.urn, name: provider.name, props: unknownCheckingProxy(provider.properties) };
            }
        });
        return built;
    };
    const resourceViolations: Violation[] = [];
    const stackViolations: Violation[] = [];
    for (const policy of policies) {
        const { level: configured, properties } = levels.get(policy.name) as { level: EnforcementLevel; properties: Record<string, unknown> };
        if (configured === "disabled") {
            continue;
        }
        const level: Violation["enforcementLevel"] = configured === "remediate" ? "mandatory" : configured;
        const reporter = (into: Violation[], urn: string) => (message: unknown, reported?: string) => {
            if (typeof message === "object" && message !== null) {
                const diagnostic = message as { message: string; urn?: string; enforcementLevel?: Violation["enforcementLevel"] };
                into.push({ policyPack: "audit-log-bucket", policy: policy.name, enforcementLevel: diagnostic.enforcementLevel ?? level, urn: diagnostic.urn ?? urn, message: diagnostic.message });
            } else {
                into.push({ policyPack: "audit-log-bucket", policy: policy.name, enforcementLevel: level, urn: reported ?? urn, message: `${policy.description}\n${message}` });
            }
        };
        const cannotRun = (into: Violation[], urn: string, error: unknown): void => {
            if (!(error instanceof UnknownValueError)) {
                throw error;
            }
            into.push({ policyPack: "audit-log-bucket", policy: policy.name, enforcementLevel: "advisory", urn, message: `can't run policy '${policy.name}' during preview: ${(error as Error).message}` });
        };
        const common = { getConfig: <T>() => properties as T, stackTags: new Map(), notApplicable: (): never => { throw new Error("not applicable"); } };
        if ("validateStack" in policy) {
            try {
                void (policy as StackValidationPolicy).validateStack({ resources: stackResources(), ...common } as never, reporter(stackViolations, "") as never);
            } catch (error) {
                cannotRun(stackViolations, "", error);
            }
        }
        if ("validateResource" in policy) {
            const validate = (policy as ResourceValidationPolicy).validateResource as (args: unknown, report: unknown) => void;
            for (const resource of resources) {
                try {
                    validate({ type: resource.type, props: unknownCheckingProxy(JSON.parse(JSON.stringify(resource.properties))), urn: resource.urn, name: resource.name, opts: {}, ...common }, reporter(resourceViolations, resource.urn));
                } catch (error) {
                    cannotRun(resourceViolations, resource.urn, error);
                }
            }
        }
    }
    return [...resourceViolations, ...stackViolations];
}

/** A violation as one comparable line. */
export function key(violation: Violation): string {
    return `${violation.policy}|${violation.enforcementLevel}|${violation.urn}|${violation.message}`;
}
