import { describe } from "../lib/buckets";
import { bucketStackPolicy } from "../lib/rule";

export const auditLogObjectLock = bucketStackPolicy({
    name: "audit-log-object-lock",
    description: "Audit-log buckets should use Object Lock (WORM) so logs cannot be altered or deleted before their retention ends.",
    enforcementLevel: "advisory",
    auditLogBucketsOnly: true,
    check: (view) =>
        view.settings.objectLock.length > 0 || view.bucket.props.objectLockEnabled === true
            ? []
            : [`${describe(view)} has no Object Lock: create the bucket with objectLockEnabled: true and add a BucketObjectLockConfiguration default retention (objectLockDays in the component).`],
});

export const auditLogAccessLogging = bucketStackPolicy({
    name: "audit-log-access-logging",
    description: "Audit-log buckets should record server access logs to another bucket, so reads of the logs are themselves logged.",
    enforcementLevel: "advisory",
    auditLogBucketsOnly: true,
    check: (view) =>
        view.settings.logging.length > 0 || view.bucket.props.logging !== undefined
            ? []
            : [`${describe(view)} has no server access logging: add aws.s3.BucketLogging to a separate bucket (accessLogBucket in the component).`],
});

export const auditLogNoncurrentExpiration = bucketStackPolicy({
    name: "audit-log-noncurrent-expiration",
    description: "Audit-log buckets should expire noncurrent versions, so overwritten or deleted objects do not accumulate forever.",
    enforcementLevel: "advisory",
    auditLogBucketsOnly: true,
    check: (view) => {
        const rules = view.settings.lifecycle.flatMap((lifecycle) => (lifecycle.props.rules ?? []) as { status?: string; noncurrentVersionExpiration?: unknown }[]);
        return rules.some((rule) => rule.status !== "Disabled" && rule.noncurrentVersionExpiration !== undefined)
            ? []
            : [`${describe(view)} keeps noncurrent versions forever: add a lifecycle rule with noncurrentVersionExpiration.noncurrentDays.`];
    },
});
