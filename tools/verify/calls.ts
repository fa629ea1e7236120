/**
 * The read-only AWS calls the verifier makes, and no others, each with the IAM action that authorizes it (Service
 * Authorization Reference, "Actions defined by Amazon S3 / AWS KMS"). Error messages name the missing action from
 * here, and iamPolicy.json grants exactly these actions.
 */
export const CALLS = {
    "sts:GetCallerIdentity": { action: undefined, scope: "none" },
    "s3:GetBucketLocation": { action: "s3:GetBucketLocation", scope: "bucket" },
    "s3:GetBucketOwnershipControls": { action: "s3:GetBucketOwnershipControls", scope: "bucket" },
    "s3:GetPublicAccessBlock": { action: "s3:GetBucketPublicAccessBlock", scope: "bucket" },
    "s3:GetBucketVersioning": { action: "s3:GetBucketVersioning", scope: "bucket" },
    "s3:GetBucketEncryption": { action: "s3:GetEncryptionConfiguration", scope: "bucket" },
    "s3:GetBucketPolicy": { action: "s3:GetBucketPolicy", scope: "bucket" },
    "s3:GetBucketLifecycleConfiguration": { action: "s3:GetLifecycleConfiguration", scope: "bucket" },
    "s3:GetObjectLockConfiguration": { action: "s3:GetBucketObjectLockConfiguration", scope: "bucket" },
    "s3:GetBucketLogging": { action: "s3:GetBucketLogging", scope: "bucket" },
    "s3:GetBucketWebsite": { action: "s3:GetBucketWebsite", scope: "bucket" },
    "s3:GetBucketCors": { action: "s3:GetBucketCORS", scope: "bucket" },
    "s3:GetBucketTagging": { action: "s3:GetBucketTagging", scope: "bucket" },
    "s3:GetBucketReplication": { action: "s3:GetReplicationConfiguration", scope: "bucket" },
    "s3:GetBucketNotificationConfiguration": { action: "s3:GetBucketNotification", scope: "bucket" },
    "s3:ListObjectsV2": { action: "s3:ListBucket", scope: "bucket" },
    "s3control:GetPublicAccessBlock": { action: "s3:GetAccountPublicAccessBlock", scope: "account" },
    "kms:DescribeKey": { action: "kms:DescribeKey", scope: "key" },
    "kms:GetKeyRotationStatus": { action: "kms:GetKeyRotationStatus", scope: "key" },
    "kms:GetKeyPolicy": { action: "kms:GetKeyPolicy", scope: "key" },
    // --integrity (tools/verify/integrity) and the vault's replication check: the objects read, and CloudTrail's
    // public keys. HeadObject is authorized by s3:GetObject (AWS-S3-301).
    "s3:GetObject": { action: "s3:GetObject", scope: "object" },
    "s3:HeadObject": { action: "s3:GetObject", scope: "object" },
    "cloudtrail:ListPublicKeys": { action: "cloudtrail:ListPublicKeys", scope: "none" },
    // A vault in another account (--vault-role-name), and --all's stacks: the read-only role of that account
    // (AWS-STS-300, AWS-STS-701). The role holds the read-only policy; assuming it writes nothing.
    "sts:AssumeRole": { action: "sts:AssumeRole", scope: "role" },
} as const satisfies Record<string, { action: string | undefined; scope: "none" | "bucket" | "account" | "key" | "object" | "role" }>;

/** A call as `<service>:<Operation>`; S3 Control's GetPublicAccessBlock is the account's, S3's the bucket's. */
export type CallName = keyof typeof CALLS;

/** S3 answers these codes when a configuration was never set: the setting is absent, not a failure. */
export const NOT_CONFIGURED_CODES: ReadonlySet<string> = new Set([
    "NoSuchWebsiteConfiguration",
    "NoSuchCORSConfiguration",
    "ObjectLockConfigurationNotFoundError",
    "NoSuchLifecycleConfiguration",
    "NoSuchBucketPolicy",
    "NoSuchTagSet",
    "NoSuchPublicAccessBlockConfiguration",
    "OwnershipControlsNotFoundError",
    "ReplicationConfigurationNotFoundError",
    "ServerSideEncryptionConfigurationNotFoundError",
]);
