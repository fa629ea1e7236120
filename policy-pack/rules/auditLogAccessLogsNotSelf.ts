import { describe } from "../lib/buckets";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

export const auditLogAccessLogsNotSelf = bucketStackPolicy(
    {
        name: "audit-log-access-logs-not-self",
        description: "Audit-log buckets do not deliver their server access logs into themselves, where each log write would log another write without end.",
        enforcementLevel: "mandatory",
        auditLogBucketsOnly: true,
        check: (view): Finding[] =>
            view.logging.flatMap((logging): Finding[] => {
                const self = logging.targetUrns.includes(view.bucket.urn) || (view.name !== undefined && logging.targetBucket === view.name);
                if (self) {
                    return [`${describe(view)} delivers its server access logs into itself: set the target bucket to a separate access-log bucket.`];
                }
                return isUnknown(logging.targetBucket) && logging.targetUrns.length === 0 ? [pending(`${describe(view)} delivers access logs to a bucket not known yet.`)] : [];
            }),
    },
    [],
);
