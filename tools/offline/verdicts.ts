import { PackInfo, PolicyConfigFile, reconcileConfig } from "../policy/analyzer";
import type { Violation } from "../policy/violations";

/** What one policy concluded about a stack, as the preview lists it. */
export interface PolicyVerdict {
    policy: string;
    /** The level it ran at: its own, or the one the policy config gave it. */
    enforcementLevel: Violation["enforcementLevel"];
    verdict: "passed" | "violated" | "not run: unknown until up" | "disabled";
    /** Diagnostics it reported (its violations, or the resources it could not check during the preview). */
    diagnostics: number;
}

/** The pack's message when a policy read a value that is unknown during a preview (@pulumi/policy's wording). */
const CANNOT_RUN = /^can't run .* during preview/;

export function isUncheckedDuringPreview(violation: Violation): boolean {
    return CANNOT_RUN.test(violation.message);
}

/** Every policy of the pack with its level and verdict, in the pack's order. */
export function policyVerdicts(info: PackInfo, violations: readonly Violation[], policyConfig: PolicyConfigFile = {}): PolicyVerdict[] {
    const levels = new Map(reconcileConfig(info, policyConfig).map(([policy, level]) => [policy, level]));
    return info.policies.map((policy) => {
        const own = violations.filter((violation) => violation.policy === policy.name);
        const level = levels.get(policy.name) ?? policy.enforcementLevel;
        const verdict: PolicyVerdict["verdict"] =
            level === "disabled"
                ? "disabled"
                : own.some((violation) => !isUncheckedDuringPreview(violation))
                  ? "violated"
                  : own.length > 0
                    ? "not run: unknown until up"
                    : "passed";
        return { policy: policy.name, enforcementLevel: level, verdict, diagnostics: own.length };
    });
}
