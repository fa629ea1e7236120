/**
 * Facts that come from AWS, kept in one place. Each figure notes where it comes from so a reviewer can check it
 * against the AWS documentation it was taken from.
 */

/** The Pulumi type token of the component; the same string appears in PulumiPlugin.yaml and the inferred schema. */
export const AUDIT_LOG_BUCKET_TYPE = "audit-logs:index:AuditLogBucket";

/** The type token of the access-log target bucket the component creates on request, a child of the component. */
export const ACCESS_LOG_BUCKET_TYPE = "audit-logs:index:AccessLogBucket";

/** The tag of that bucket: not `purpose: audit-logs`, since it receives S3's access logs, not audit deliveries. */
export const ACCESS_LOG_PURPOSE_TAG = { key: "purpose", value: "s3-access-logs" } as const;

/** The tag every bucket made by this package carries, and that the policy pack recognises audit-log buckets by. */
export const PURPOSE_TAG = { key: "purpose", value: "audit-logs" } as const;

export const DEFAULT_NAME_PREFIX = "network-compliance-logs";

/**
 * Service principals (IAM User Guide, "AWS service principals"). These three keep the global `amazonaws.com` form in
 * every partition, China included (only a few services, e.g. logs, codedeploy, ec2 and lambda, take the partition's
 * suffix there, per the AWS CDK's service-principal table). Endpoints, by contrast, follow the partition: see
 * `serviceEndpoint`.
 */
export const SERVICE_PRINCIPALS = {
    cloudTrail: "cloudtrail.amazonaws.com",
    config: "config.amazonaws.com",
    /** S3 server access logging delivers as this principal (S3 User Guide, "Enabling Amazon S3 server access logging"). */
    s3Logging: "logging.s3.amazonaws.com",
} as const;

/** Canned ACL that CloudTrail and Config send with every delivery (CloudTrail and Config bucket policy guides). */
export const BUCKET_OWNER_FULL_CONTROL = "bucket-owner-full-control";

/**
 * Minimum storage durations, in days: an object removed or transitioned earlier is billed for the rest
 * (Amazon S3 pricing page, "Storage pricing" footnotes).
 */
export const MINIMUM_STORAGE_DAYS = {
    GLACIER_IR: 90,
    GLACIER: 90,
    DEEP_ARCHIVE: 180,
} as const;

/**
 * The shortest retention of an audit-log bucket: a year, the floor of CloudTrail-centred audit regimes (PCI DSS
 * 10.5.1, CIS), and the default of the policy pack's mandatory `audit-log-retention` (`minRetentionDays`).
 */
export const MIN_RETENTION_DAYS = 365;

/** Lifecycle defaults a user gets when leaving the corresponding arg out. */
export const LIFECYCLE_DEFAULTS = {
    glacierAfterDays: 90,
    deepArchiveAfterDays: 180,
    /** Seven years: a common audit retention (e.g. SOX, PCI DSS guidance keeps a year online and more archived). */
    retentionDays: 2555,
    noncurrentVersionExpirationDays: 90,
    abortIncompleteMultipartUploadDays: 7,
    /** Objects above this go to Glacier Flexible Retrieval, then Deep Archive: S3's own transition minimum, 128 KiB. */
    archiveMinObjectSizeBytes: 128 * 1024,
    /**
     * Objects above this (and up to archiveMinObjectSizeBytes) go to Glacier Instant Retrieval. Below about 22 KiB
     * its 128 KiB minimum billable size costs more than Standard; from 48 KiB the saving repays the transition fee
     * in about three years (35 months; 37 counting the EventBridge event each transition sends; see npm run cost).
     */
    instantRetrievalMinObjectSizeBytes: 48 * 1024,
} as const;

/** S3's limit on the number of days in a lifecycle rule (S3 API reference, LifecycleExpiration). */
export const MAX_LIFECYCLE_DAYS = 2147483647;

/**
 * The encryption types every bucket of this package refuses uploads with (S3 API reference, BlockedEncryptionTypes;
 * `blockedEncryptionTypes` on a `BucketServerSideEncryptionConfiguration` rule). SSE-C keys are the caller's, so
 * nobody else (readers, Athena, replication) could read such a log; S3 blocks it on new buckets since April 2026,
 * and declaring it keeps a bucket that predates that, or a hand-made unblock, in line.
 */
// AWS-S3-600: SSE-C blocked by default on new buckets; AWS-S3-601: the BlockedEncryptionTypes shape
export const BLOCKED_ENCRYPTION_TYPES: readonly string[] = ["SSE-C"];

/**
 * The commercial, GovCloud and China regions where S3 buckets can be created (AWS General Reference,
 * "Amazon S3 endpoints"), as of the price date in cost/prices.ts.
 */
export const AWS_REGIONS: readonly string[] = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    "af-south-1",
    "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
    "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3",
    "ca-central-1", "ca-west-1",
    "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1",
    "il-central-1", "me-south-1", "me-central-1", "mx-central-1",
    "sa-east-1",
    "us-gov-east-1", "us-gov-west-1",
    "cn-north-1", "cn-northwest-1",
];

/** The ARN partition a region belongs to. */
export function partitionOf(region: string): string {
    if (region.startsWith("cn-")) {
        return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
        return "aws-us-gov";
    }
    return "aws";
}

/**
 * The DNS suffix of a partition's endpoints (AWS General Reference, "Service endpoints"; China: "Amazon Web Services
 * in China" endpoints end in amazonaws.com.cn). `kms:ViaService` values are endpoint names, so they follow it.
 */
export function dnsSuffixOf(partition: string): string {
    return partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

/** A service's regional endpoint name, e.g. `s3.eu-west-1.amazonaws.com` or `s3.cn-north-1.amazonaws.com.cn`. */
export function serviceEndpoint(service: string, region: string): string {
    return `${service}.${region}.${dnsSuffixOf(partitionOf(region))}`;
}

/** KMS key defaults for the key the component creates. */
export const KMS_KEY_DEFAULTS = {
    /** The longest waiting period KMS allows, so a mistaken delete can be cancelled for a month. */
    deletionWindowInDays: 30,
} as const;
