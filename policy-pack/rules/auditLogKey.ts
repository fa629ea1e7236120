import { describe } from "../lib/buckets";
import { KeyReference, keyOfEncryption } from "../lib/keys";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";
import type { BucketView } from "../lib/buckets";
import type { StackContext } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

/** The keys an audit-log bucket's SSE-KMS rules use. */
function keysOf(view: BucketView, context: StackContext): KeyReference[] {
    return view.encryption
        .filter((rule) => rule.algorithm === "aws:kms" || rule.algorithm === "aws:kms:dsse")
        .map((rule) => keyOfEncryption(rule.kmsKeyId, rule.keyUrns, context.keys));
}

/** The largest deletion window KMS allows, in days (also its default). */
export const MAX_DELETION_WINDOW_DAYS = 30;

export const auditLogKeyEnabled = bucketStackPolicy(
    {
        name: "audit-log-key-enabled",
        description: "The KMS key of an audit-log bucket is enabled: with a disabled key, deliveries fail and the logs cannot be read.",
        enforcementLevel: "mandatory",
        auditLogBucketsOnly: true,
        check: (view, _config, context): Finding[] =>
            keysOf(view, context).flatMap((reference): Finding[] => {
                if (reference.kind === "unknown") {
                    // Any of the stack's keys may be the one: the verdict waits only if one of them is not enabled.
                    const doubtful = context.keys.filter((key) => key.enabled === false || isUnknown(key.enabled));
                    return doubtful.length > 0 ? [pending(`${describe(view)} uses a KMS key not known yet, and ${doubtful.map((key) => key.key.name).join(", ")} may be disabled.`)] : [];
                }
                if (reference.kind !== "key") {
                    return [];
                }
                if (reference.key.enabled === false) {
                    return [`${describe(view)} is encrypted with KMS key ${reference.key.key.name}, which is disabled: set ${reference.key.native ? "enabled" : "isEnabled"}: true.`];
                }
                return isUnknown(reference.key.enabled) ? [pending(`whether KMS key ${reference.key.key.name} of ${describe(view)} is enabled is not known yet.`)] : [];
            }),
    },
    ["CKV_AWS_227", "SH KMS.3"],
);

export const auditLogKeyDeletionWindow = bucketStackPolicy(
    {
        name: "audit-log-key-deletion-window",
        description: "The KMS key of an audit-log bucket has the longest deletion window (30 days), the most time to cancel a deletion that would make every log unreadable.",
        enforcementLevel: "advisory",
        auditLogBucketsOnly: true,
        check: (view, _config, context): Finding[] =>
            keysOf(view, context).flatMap((reference): Finding[] => {
                if (reference.kind === "unknown") {
                    const doubtful = context.keys.filter((key) => isUnknown(key.deletionWindow) || (typeof key.deletionWindow === "number" && key.deletionWindow < MAX_DELETION_WINDOW_DAYS));
                    return doubtful.length > 0 ? [pending(`${describe(view)} uses a KMS key not known yet, and ${doubtful.map((key) => key.key.name).join(", ")} has a shorter deletion window.`)] : [];
                }
                if (reference.kind !== "key") {
                    return [];
                }
                const window = reference.key.deletionWindow;
                if (typeof window === "number" && window < MAX_DELETION_WINDOW_DAYS) {
                    const property = reference.key.native ? "pendingWindowInDays" : "deletionWindowInDays";
                    return [`${describe(view)} is encrypted with KMS key ${reference.key.key.name}, deleted ${window} days after it is scheduled: set ${property}: ${MAX_DELETION_WINDOW_DAYS}.`];
                }
                return isUnknown(window) ? [pending(`the deletion window of KMS key ${reference.key.key.name} of ${describe(view)} is not known yet.`)] : [];
            }),
    },
    ["SH KMS.3", "kms_cmk_not_deleted_unintentionally"],
);

export const auditLogKeyCustomerManaged = bucketStackPolicy(
    {
        name: "audit-log-key-customer-managed",
        description: "An audit-log bucket encrypted with SSE-KMS uses a customer managed key, whose policy decides who can read the logs, not the AWS managed aws/s3 key.",
        enforcementLevel: "advisory",
        auditLogBucketsOnly: true,
        check: (view, _config, context): Finding[] =>
            keysOf(view, context).some((reference) => reference.kind === "aws-managed")
                ? [`${describe(view)} is encrypted with the AWS managed key aws/s3, whose policy any principal of the account with S3 access can use: set kmsMasterKeyId to a customer managed key.`]
                : [],
    },
    ["s3_bucket_kms_encryption", "kms_cmk_are_used"],
);
