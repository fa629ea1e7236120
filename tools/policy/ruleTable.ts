import type { Policy } from "@pulumi/policy";
import { METADATA } from "../../policy-pack/lib/rule";
import { policies } from "../../policy-pack/policies";

/** Knobs a rule takes, with their defaults; the shared `bucketNamePrefix` is documented once, under the table. */
function knobs(policy: Policy): string {
    const properties = (policy.configSchema?.properties ?? {}) as Record<string, { default?: unknown }>;
    const own = Object.entries(properties).filter(([name]) => name !== "bucketNamePrefix");
    return own.length > 0 ? own.map(([name, schema]) => `\`${name}\` (${JSON.stringify(schema.default)})`).join(", ") : "";
}

function scope(name: string): string {
    if (METADATA.get(name)?.auditLogOnly) {
        return "audit-log buckets";
    }
    if (name.startsWith("kms-")) {
        return "KMS keys";
    }
    if (name.startsWith("s3-access-point-")) {
        return "access points";
    }
    return name.includes("-account-") ? "the account" : "all buckets";
}

/**
 * The README's rule table, generated from the pack's own metadata (names, levels, descriptions, knobs, anchors), so
 * the documentation cannot drift from the pack: a test checks the README holds exactly this.
 */
export function ruleTable(): string {
    const rows = policies.map((policy) => {
        const anchors = METADATA.get(policy.name)?.anchors ?? [];
        return `| \`${policy.name}\` | ${policy.enforcementLevel} | ${scope(policy.name)} | ${policy.description} | ${knobs(policy)} | ${anchors.join(", ")} |`;
    });
    return ["| policy | level | applies to | checks | knobs (default) | anchors |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

if (require.main === module) {
    console.log(ruleTable());
}
