import { LIFECYCLE_DEFAULTS } from "./constants";

/** The lifecycle figures, already resolved and validated. */
export interface LifecycleSettings {
    glacierAfterDays: number;
    deepArchiveAfterDays: number;
    retentionDays: number;
    noncurrentVersionExpirationDays: number;
    /**
     * Smallest object, in bytes, that is moved to an archive tier. Archived objects carry 40 KB of billed overhead
     * each, so moving small log files costs more than keeping them in Standard.
     */
    archiveMinObjectBytes: number;
    /**
     * Smallest object, in bytes, moved to Glacier Instant Retrieval; objects from here up to `archiveMinObjectBytes`
     * go there (it bills a 128 KiB minimum per object but no per-object overhead). Equal to `archiveMinObjectBytes`
     * turns that tier off.
     */
    instantRetrievalMinObjectBytes: number;
}

/** The rules in the shape of `aws.s3.BucketLifecycleConfiguration`'s `rules` input. */
export interface LifecycleRule {
    id: string;
    status: "Enabled";
    filter: { prefix?: string; objectSizeGreaterThan?: number; and?: { objectSizeGreaterThan: number; objectSizeLessThan: number } };
    transitions?: { days: number; storageClass: "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE" }[];
    expiration?: { days?: number; expiredObjectDeleteMarker?: boolean };
    noncurrentVersionExpiration?: { noncurrentDays: number };
    abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
}

export const LIFECYCLE_RULE_IDS = {
    archive: "archive-audit-logs",
    archiveSmall: "archive-small-audit-logs",
    expire: "expire-audit-logs",
    housekeeping: "abort-uploads-and-clean-delete-markers",
} as const;

/**
 * Separate rules, because S3 refuses some combinations in one rule: a size filter cannot carry an abort of incomplete
 * uploads, and a delete-marker clean-up cannot share an expiration that has days.
 * - archive: objects above `archiveMinObjectBytes` move to Glacier Flexible Retrieval, then Deep Archive (the
 *   per-object overhead of those tiers, 40 KB, is small next to such objects);
 * - archive-small: objects between `instantRetrievalMinObjectBytes` and `archiveMinObjectBytes` (typical CloudTrail
 *   and Config files) move to Glacier Instant Retrieval on the same day, and stay there: `npm run cost` shows they
 *   cost several times less there than in Standard, and more in Deep Archive once the overhead is counted;
 * - expire: every non-empty object (the zero-byte prefix markers stay) expires after the retention period, and
 *   noncurrent versions after their own period;
 * - housekeeping: incomplete multipart uploads are aborted, and delete markers with no versions left are removed.
 */
export function lifecycleRules(settings: LifecycleSettings): LifecycleRule[] {
    const smallObjects: LifecycleRule[] =
        settings.instantRetrievalMinObjectBytes < settings.archiveMinObjectBytes
            ? [
                  {
                      id: LIFECYCLE_RULE_IDS.archiveSmall,
                      status: "Enabled",
                      // objectSizeLessThan is exclusive: objects of exactly archiveMinObjectBytes belong here.
                      filter: { and: { objectSizeGreaterThan: settings.instantRetrievalMinObjectBytes, objectSizeLessThan: settings.archiveMinObjectBytes + 1 } },
                      transitions: [{ days: settings.glacierAfterDays, storageClass: "GLACIER_IR" }],
                  },
              ]
            : [];
    return [
        ...smallObjects,
        {
            id: LIFECYCLE_RULE_IDS.archive,
            status: "Enabled",
            filter: { objectSizeGreaterThan: settings.archiveMinObjectBytes },
            transitions: [
                { days: settings.glacierAfterDays, storageClass: "GLACIER" },
                { days: settings.deepArchiveAfterDays, storageClass: "DEEP_ARCHIVE" },
            ],
        },
        {
            id: LIFECYCLE_RULE_IDS.expire,
            status: "Enabled",
            filter: { objectSizeGreaterThan: 0 },
            expiration: { days: settings.retentionDays },
            noncurrentVersionExpiration: { noncurrentDays: settings.noncurrentVersionExpirationDays },
        },
        {
            id: LIFECYCLE_RULE_IDS.housekeeping,
            status: "Enabled",
            filter: { prefix: "" },
            expiration: { expiredObjectDeleteMarker: true },
            abortIncompleteMultipartUpload: { daysAfterInitiation: LIFECYCLE_DEFAULTS.abortIncompleteMultipartUploadDays },
        },
    ];
}
