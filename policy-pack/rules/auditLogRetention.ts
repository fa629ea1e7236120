import { describe } from "../lib/buckets";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

export const auditLogRetention = bucketStackPolicy<{ minRetentionDays?: number }>(
    {
        name: "audit-log-retention",
        description: "Audit-log buckets keep current log versions at least minRetentionDays: no lifecycle rule expires them earlier.",
        enforcementLevel: "mandatory",
        auditLogBucketsOnly: true,
        configSchema: {
            properties: {
                minRetentionDays: { type: "integer", default: 365, minimum: 1, description: "Shortest allowed expiration of current versions, in days." },
            },
        },
        check: (view, config): Finding[] => {
            const minimum = config.minRetentionDays ?? 365;
            return view.lifecycle
                .filter((rule) => rule.enabled !== false)
                .flatMap((rule): Finding[] => {
                    const id = typeof rule.id === "string" && !isUnknown(rule.id) ? rule.id : "(no id)";
                    if (typeof rule.expirationDate === "string" && !isUnknown(rule.expirationDate)) {
                        return [`${describe(view)}: lifecycle rule ${id} expires logs on a fixed date (${rule.expirationDate}): use expiration.days of at least ${minimum}.`];
                    }
                    const days = rule.expirationDays;
                    if (typeof days === "number" && days < minimum) {
                        return [`${describe(view)}: lifecycle rule ${id} expires logs after ${days} days, shorter than the required ${minimum}: set expiration.days to ${minimum} or more.`];
                    }
                    if ([rule.enabled, days, rule.expirationDate].some(isUnknown)) {
                        return [pending(`${describe(view)}: lifecycle rule ${id} takes its expiration from a value not known yet.`)];
                    }
                    return [];
                });
        },
    },
    ["SH S3.13", "CKV2_AWS_61", "s3_bucket_lifecycle_enabled"],
);
