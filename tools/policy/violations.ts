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
