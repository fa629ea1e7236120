/**
 * A change a policy at `remediate` level made to one resource's inputs before it was analyzed, as the engine applies
 * it: `before` and `after` are the whole input properties.
 */
export interface Remediation {
    urn: string;
    policyPack: string;
    policy: string;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
}

/** One policy diagnostic, in the shape the preview and the audit print. */
export interface Violation {
    policyPack: string;
    policyPackVersion?: string;
    policy: string;
    enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
    /** The resource the diagnostic is about; empty for a stack-wide diagnostic without one. */
    urn: string;
    message: string;
}

export interface ViolationSummary {
    mandatory: number;
    advisory: number;
    byPolicy: Record<string, number>;
}

export function summarize(violations: readonly Violation[]): ViolationSummary {
    const byPolicy: Record<string, number> = {};
    for (const violation of violations) {
        byPolicy[violation.policy] = (byPolicy[violation.policy] ?? 0) + 1;
    }
    return {
        mandatory: violations.filter((violation) => violation.enforcementLevel === "mandatory").length,
        advisory: violations.filter((violation) => violation.enforcementLevel === "advisory").length,
        byPolicy,
    };
}

/** The top-level properties a remediation changed, each with its value before and after. */
export function changedProperties(remediation: Remediation): { property: string; before: unknown; after: unknown }[] {
    const names = [...new Set([...Object.keys(remediation.before), ...Object.keys(remediation.after)])].sort();
    return names
        .filter((name) => JSON.stringify(remediation.before[name]) !== JSON.stringify(remediation.after[name]))
        .map((name) => ({ property: name, before: remediation.before[name], after: remediation.after[name] }));
}
