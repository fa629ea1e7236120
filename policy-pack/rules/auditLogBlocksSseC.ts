import { NOT_DECLARABLE, describe } from "../lib/buckets";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

// AWS-S3-600: S3 blocks SSE-C on new buckets since April 2026; AWS-S3-601: blockedEncryptionTypes on each rule
export const auditLogBlocksSseC = bucketStackPolicy(
    {
        name: "audit-log-blocks-sse-c",
        description:
            "Audit-log buckets should refuse uploads encrypted with customer-provided keys (SSE-C), which nobody but the uploader could read: declare blockedEncryptionTypes [\"SSE-C\"] on the default encryption.",
        enforcementLevel: "advisory",
        auditLogBucketsOnly: true,
        check: (view): Finding[] =>
            // A bucket without any default encryption is s3-bucket-encryption-declared's finding, not a second one here.
            view.encryption.flatMap((rule): Finding[] => {
                const blocked = rule.blockedEncryptionTypes;
                if (blocked === NOT_DECLARABLE) {
                    // aws.s3.BucketV2's inline rule cannot say it; S3's default for new buckets is all there is.
                    return [];
                }
                if (isUnknown(blocked)) {
                    return [pending(`${describe(view)} sets its blocked encryption types from a value not known yet.`)];
                }
                const types = Array.isArray(blocked) ? blocked : [];
                if (types.includes("SSE-C")) {
                    return [];
                }
                if (types.some(isUnknown)) {
                    return [pending(`${describe(view)} sets its blocked encryption types from a value not known yet.`)];
                }
                const now = types.includes("NONE")
                    ? 'unblocks SSE-C uploads (blockedEncryptionTypes ["NONE"])'
                    : "does not declare SSE-C blocked, so it depends on S3's default, which covers only buckets created since April 2026";
                return [`${describe(view)} ${now}: set blockedEncryptionTypes: ["SSE-C"] on its default encryption rule.`];
            }),
    },
    [],
);
