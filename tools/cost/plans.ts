import type { AuditLogBucketSettings } from "../../components/settings";
import type { StoragePlan } from "./model";

/**
 * The stack's own lifecycle for objects of `objectBytes`, as the component's rules treat them: above the archive
 * threshold to Glacier then Deep Archive, in the band below it to Glacier Instant Retrieval, smaller ones stay.
 */
export function stackPlan(settings: AuditLogBucketSettings, objectBytes: number): StoragePlan {
    const { lifecycle } = settings;
    const large = objectBytes > lifecycle.archiveMinObjectBytes;
    const band = !large && objectBytes > lifecycle.instantRetrievalMinObjectBytes;
    return {
        name: "this stack's lifecycle",
        writtenAs: "STANDARD",
        transitions: large
            ? [
                  { days: lifecycle.glacierAfterDays, storageClass: "GLACIER" },
                  { days: lifecycle.deepArchiveAfterDays, storageClass: "DEEP_ARCHIVE" },
              ]
            : band
              ? [{ days: lifecycle.glacierAfterDays, storageClass: "GLACIER_IR" }]
              : [],
        expireAfterDays: lifecycle.retentionDays,
        noncurrentDays: lifecycle.noncurrentVersionExpirationDays,
        transitionMinObjectBytes: 0,
        kms: settings.encryption === "SSE_KMS" ? { bucketKey: true, createsKey: !settings.usesGivenKey } : undefined,
        eventBridgeNotifications: settings.eventBridgeNotifications,
    };
}

/** What a reader would weigh instead, each with the same retention, encryption and EventBridge notifications. */
export function alternativePlans(settings: AuditLogBucketSettings, objectBytes: number): StoragePlan[] {
    const base = stackPlan(settings, objectBytes);
    const { lifecycle } = settings;
    return [
        {
            ...base,
            name: "Glacier then Deep Archive for every object (no size filters)",
            transitions: [
                { days: lifecycle.glacierAfterDays, storageClass: "GLACIER" },
                { days: lifecycle.deepArchiveAfterDays, storageClass: "DEEP_ARCHIVE" },
            ],
        },
        { ...base, name: "S3 Standard only", transitions: [] },
        { ...base, name: "straight to Deep Archive (day 1, every object)", transitions: [{ days: 1, storageClass: "DEEP_ARCHIVE" }], transitionMinObjectBytes: 0 },
        { ...base, name: "Glacier Instant Retrieval (day 1, every object)", transitions: [{ days: 1, storageClass: "GLACIER_IR" }], transitionMinObjectBytes: 0 },
    ];
}
