import { describe } from "../lib/buckets";
import { bucketStackPolicy } from "../lib/rule";

interface LifecycleRule {
    id?: string;
    status?: string;
    expiration?: { days?: number; date?: string };
}

export const auditLogRetention = bucketStackPolicy<{ minRetentionDays?: number }>({
    name: "audit-log-retention",
    description: "Audit-log buckets keep current log versions at least minRetentionDays: no lifecycle rule expires them earlier.",
    enforcementLevel: "mandatory",
    auditLogBucketsOnly: true,
    configSchema: {
        properties: {
            minRetentionDays: { type: "integer", default: 365, minimum: 1, description: "Shortest allowed expiration of current versions, in days." },
        },
    },
    check: (view, config) => {
        const minimum = config.minRetentionDays ?? 365;
        const rules = view.settings.lifecycle.flatMap((lifecycle) => (lifecycle.props.rules ?? []) as LifecycleRule[]);
        return rules
            .filter((rule) => rule.status !== "Disabled" && rule.expiration !== undefined)
            .flatMap((rule) => {
                if (rule.expiration?.date) {
                    return [`${describe(view)}: lifecycle rule ${rule.id ?? "(no id)"} expires logs on a fixed date (${rule.expiration.date}): use expiration.days of at least ${minimum}.`];
                }
                const days = rule.expiration?.days;
                if (typeof days === "number" && days < minimum) {
                    return [`${describe(view)}: lifecycle rule ${rule.id ?? "(no id)"} expires logs after ${days} days, shorter than the required ${minimum}: set expiration.days to ${minimum} or more.`];
                }
                return [];
            });
    },
});
