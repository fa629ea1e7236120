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
}

/** The rules in the shape of `aws.s3.BucketLifecycleConfiguration`'s `rules` input. */
export interface LifecycleRule {
    id: string;
    status: "Enabled";
    filter: { prefix?: string; objectSizeGreaterThan?: number };
    transitions?: { days: number; storageClass: "GLACIER" | "DEEP_ARCHIVE" }[];
    expiration?: { days?: number; expiredObjectDeleteMarker?: boolean };
    noncurrentVersionExpiration?: { noncurrentDays: number };
    abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
}

export const LIFECYCLE_RULE_IDS = {
    archive: "archive-audit-logs",
    expire: "expire-audit-logs",
    housekeeping: "abort-uploads-and-clean-delete-markers",
} as const;

/**
 * Three rules, because S3 refuses some combinations in one rule: a size filter cannot carry an abort of incomplete
 * uploads, and a delete-marker clean-up cannot share an expiration that has days.
 * - archive: objects above `archiveMinObjectBytes` move to Glacier Flexible Retrieval, then Deep Archive;
 * - expire: every non-empty object (the zero-byte prefix markers stay) expires after the retention period, and
 *   noncurrent versions after their own period;
 * - housekeeping: incomplete multipart uploads are aborted, and delete markers with no versions left are removed.
 */
export function lifecycleRules(settings: LifecycleSettings): LifecycleRule[] {
    return [
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
