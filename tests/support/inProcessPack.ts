import type { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import type { AnalyzerResource, PolicyConfigFile } from "../../tools/policy/analyzer";
import type { Violation } from "../../tools/policy/violations";

/**
 * Runs the pack's policies in this process, the way @pulumi/policy's server calls them, so that mutation testing
 * (which changes the TypeScript source, not the compiled pack) can see the rules' behaviour. The protocol path is
 * tested separately in tests/policy-pack/index.test.ts with the same cases.
 */
export function inProcessVerdicts(resources: readonly AnalyzerResource[], config: PolicyConfigFile = {}): Violation[] {
    const byUrn = new Map<string, PolicyResource>();
    const policyResources = resources.map((resource) => {
        const policyResource = {
            type: resource.type,
            props: resource.properties,
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
        const target = policyResources[index] as { propertyDependencies: Record<string, PolicyResource[]> };
        for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
            target.propertyDependencies[property] = urns.map((urn) => byUrn.get(urn)).filter((found): found is PolicyResource => found !== undefined);
        }
    });
    const violations: Violation[] = [];
    for (const policy of policies) {
        const entry = config[policy.name];
        const { enforcementLevel, ...properties } = typeof entry === "object" ? entry : { enforcementLevel: entry };
        const level = (enforcementLevel ?? policy.enforcementLevel ?? "advisory") as Violation["enforcementLevel"];
        if (level === "disabled") {
            continue;
        }
        const report = (urn: string): ReportViolation => (message: string, reported?: string) =>
            violations.push({ policyPack: "audit-log-bucket", policy: policy.name, enforcementLevel: level, urn: reported ?? urn, message: `${policy.description}\n${message}` });
        const common = { getConfig: <T>() => properties as T, stackTags: new Map(), notApplicable: (): never => { throw new Error("not applicable"); } };
        if ("validateStack" in policy) {
            void (policy as StackValidationPolicy).validateStack({ resources: policyResources, ...common } as never, report(""));
        }
        if ("validateResource" in policy) {
            const validate = (policy as ResourceValidationPolicy).validateResource as (args: unknown, report: ReportViolation) => void;
            for (const resource of policyResources) {
                validate({ type: resource.type, props: resource.props, urn: resource.urn, name: resource.name, opts: {}, ...common }, report(resource.urn));
            }
        }
    }
    return violations;
}
