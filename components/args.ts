import type * as pulumi from "@pulumi/pulumi";
import type { AthenaArgs } from "./athena";
import type { LogPrefixes } from "./prefixes";
import type { VaultArgs } from "./vault/settings";

/** Default encryption of the bucket. An `as const` object, so other languages get an enum through the schema. */
export const EncryptionMode = {
    /** S3 managed keys (AES-256). */
    SSE_S3: "SSE_S3",
    /** A customer managed KMS key, with S3 Bucket Key on. */
    SSE_KMS: "SSE_KMS",
} as const;
export type EncryptionMode = (typeof EncryptionMode)[keyof typeof EncryptionMode];

/** Where the bucket's name is unique (S3 user guide, "Namespaces for general purpose buckets"). */
export const BucketNamespace = {
    /** S3's shared namespace: any account may take a name nobody holds, including one freed by a delete. */
    GLOBAL: "global",
    /** This account's own regional namespace: `<name>-<account>-<region>-an`, which no other account can create. */
    ACCOUNT_REGIONAL: "account-regional",
} as const;
export type BucketNamespace = (typeof BucketNamespace)[keyof typeof BucketNamespace];

/** Object Lock retention mode. */
export const ObjectLockMode = {
    /** Users with s3:BypassGovernanceRetention can shorten or lift the lock. */
    GOVERNANCE: "GOVERNANCE",
    /** Nobody, not even the root user, can shorten or lift the lock. */
    COMPLIANCE: "COMPLIANCE",
} as const;
export type ObjectLockMode = (typeof ObjectLockMode)[keyof typeof ObjectLockMode];

/** The arguments of an {@link AuditLogBucket}. */
export interface AuditLogBucketArgs {
    /** The 12-digit id of the account that owns the bucket and whose logs it receives. */
    accountId: string;
    /** The AWS region the bucket is created in, e.g. `eu-west-1`. */
    region: string;
    /**
     * The first part of the bucket's name, which is `<namePrefix>-<accountId>-<region>`.
     * @default "network-compliance-logs"
     */
    namePrefix?: string;
    /**
     * Where the bucket's name is unique. `account-regional` creates the bucket in this account's own regional
     * namespace, named `<namePrefix>-<accountId>-<region>-an`: S3 refuses that name to every other account, so nobody
     * can take it first (bucket-name squatting) or take it over after a delete. For new stacks: an existing bucket
     * cannot move there (the name changes, which `protect` refuses). Not offered in me-south-1 and me-central-1.
     * @default "global": S3's shared namespace, `<namePrefix>-<accountId>-<region>`
     */
    bucketNamespace?: BucketNamespace;
    /**
     * Appended to the bucket's name as `-<suffix>`: `<namePrefix>-<accountId>-<region>-<suffix>`. For a migration to a
     * new bucket while the old one (whose name stays taken as long as it exists, e.g. under Object Lock retention) is
     * kept; see the README, "Migrating an Object Lock bucket to a vault".
     * @default no suffix
     */
    bucketNameSuffix?: string;
    /**
     * Default encryption: `SSE_S3` (S3 managed keys) or `SSE_KMS` (a customer managed KMS key, with Bucket Key on).
     * @default "SSE_S3"
     */
    encryption?: EncryptionMode;
    /**
     * With `SSE_KMS`, the ARN of an existing key in the bucket's region. Its key policy must admit CloudTrail, Config
     * and the readers (see the README).
     * @default a key created by the component, with rotation on and a key policy that admits them
     */
    kmsKeyArn?: pulumi.Input<string>;
    /**
     * Days after creation when objects move to Glacier Flexible Retrieval.
     * @default 90
     */
    glacierAfterDays?: number;
    /**
     * Days after creation when objects move to Glacier Deep Archive; at least 90 days after `glacierAfterDays`.
     * @default 180
     */
    deepArchiveAfterDays?: number;
    /**
     * Days after creation when log objects expire; at least 180 days after `deepArchiveAfterDays`.
     * @default 2555 (seven years)
     */
    retentionDays?: number;
    /**
     * Days after which a noncurrent (overwritten or deleted) version is removed.
     * @default 90
     */
    noncurrentVersionExpirationDays?: number;
    /**
     * Smallest object, in bytes, moved to Glacier Flexible Retrieval and then Deep Archive: each object there carries
     * 40 KB of billed overhead, so smaller files go to Glacier Instant Retrieval instead (see `npm run cost`).
     * @default 131072 (128 KiB)
     */
    archiveMinObjectSizeBytes?: number;
    /**
     * Smallest object, in bytes, moved to Glacier Instant Retrieval (after `glacierAfterDays`); objects from here up
     * to `archiveMinObjectSizeBytes` go there and stay until they expire. Typical CloudTrail and Config files fall in
     * this band; set it equal to `archiveMinObjectSizeBytes` to keep them in Standard.
     * @default 49152 (48 KiB)
     */
    instantRetrievalMinObjectSizeBytes?: number;
    /**
     * The AWS Organizations id (`o-...`) whose organization trail delivers here, under `AWSLogs/<organizationId>/`,
     * scoped by `aws:SourceOrgID`. With `managementAccountId` it also turns on central log-archive mode.
     * @default no organization trail
     */
    organizationId?: string;
    /**
     * Central log-archive mode: the organization's management account, where the organization trail lives. The
     * organization trail is then admitted only from that account's trails, and AWS Config of every member account
     * (or of `sourceAccountIds`) may deliver under `<config prefix>AWSLogs/<member>/Config/`. Needs `organizationId`.
     * @default not a central log archive: Config delivers from `accountId` only
     */
    managementAccountId?: string;
    /**
     * In central log-archive mode, the member accounts whose AWS Config deliveries are admitted, as a condition list
     * (`aws:SourceAccount`); the bucket's own account and the management account are always admitted. The
     * organization trail is never narrowed by it: it logs every account of the organization.
     * @default every account of the organization, by `aws:SourceOrgID`
     */
    sourceAccountIds?: string[];
    /**
     * In central log-archive mode, organizational-unit paths (`aws:SourceOrgPaths`, e.g.
     * `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*`) that AWS Config of member accounts must deliver from: OU-level scope
     * whose size does not grow with the accounts. It cannot scope the organization trail, whose source is the
     * management account's trail.
     * @default every organizational unit
     */
    sourceOrgPaths?: string[];
    /**
     * ARNs of the trails allowed to deliver, of `accountId` or of `managementAccountId` (the organization trail).
     * @default every trail of `accountId`, and of the organization trail's account (matched by `aws:SourceArn` pattern)
     */
    cloudTrailArns?: pulumi.Input<string>[];
    /**
     * IAM role or user ARNs that may read the logs: `s3:GetObject`, `s3:GetObjectVersion` and `s3:ListBucket` on the
     * log prefixes only, and `kms:Decrypt` through S3 when the key is created here.
     * @default no readers beyond the account's own IAM policies
     */
    readerArns?: pulumi.Input<string>[];
    /**
     * IAM role ARNs (instance profiles or delivery roles) that write Session Manager logs under the `ssm-logs/` prefix.
     * @default Session Manager delivery disabled
     */
    sessionManagerWriterArns?: pulumi.Input<string>[];
    /**
     * IAM role ARNs (e.g. a Firehose delivery role) that write Security Hub findings under `securityhub-findings/`.
     * @default Security Hub delivery disabled
     */
    securityHubWriterArns?: pulumi.Input<string>[];
    /**
     * Object Lock default retention in days (write once, read many). Object Lock can only be turned on when the bucket
     * is created. Refused while AWS Config delivers here (`configDelivery`, on by default): AWS Config does not support
     * a delivery channel to a bucket with Object Lock. For a WORM copy of a Config-receiving bucket, use `vault`.
     * @default Object Lock off
     */
    objectLockDays?: number;
    /**
     * Object Lock mode: `GOVERNANCE` (privileged users can lift it) or `COMPLIANCE` (nobody can, not even root).
     * @default "GOVERNANCE"
     */
    objectLockMode?: ObjectLockMode;
    /**
     * Name of the bucket that receives this bucket's server access logs. S3 delivers only to a bucket in the same
     * account and region, without an Object Lock default retention, whose policy admits `logging.s3.amazonaws.com`
     * for this bucket: use `createAccessLogBucket` to get one made that way.
     * @default access logging off, or `s3-access-logs-<accountId>-<region>` with `createAccessLogBucket`
     */
    accessLogBucket?: string;
    /**
     * Creates the access-log target bucket (named `accessLogBucket`): same account and region, SSE-S3, ACLs off,
     * public access blocked, versioned, TLS required, no Object Lock, and a policy that admits S3 server access
     * logging from this bucket only (`aws:SourceArn` and `aws:SourceAccount`).
     * @default false: `accessLogBucket`, when set, must already exist and admit the deliveries
     */
    createAccessLogBucket?: boolean;
    /**
     * Key prefix of the access logs in `accessLogBucket`.
     * @default "<bucket name>/"
     */
    accessLogPrefix?: string;
    /**
     * The log prefixes; each must be non-empty and end with `/`.
     * @default cloudtrail-logs/, config-logs/, ssm-logs/, securityhub-findings/
     */
    prefixes?: LogPrefixes;
    /**
     * Tags added to every taggable resource; `purpose: audit-logs` is always set.
     * @default {}
     */
    tags?: Record<string, string>;
    /**
     * Makes the bucket deletable, for throwaway stacks only: `forceDestroy` on (a destroy empties the bucket, every
     * version included), no bucket-policy deny of `s3:DeleteObjectVersion` (version deletes are then governed by the
     * account's own IAM policies), and no `protect` or `retainOnDelete` on the bucket and key. Not allowed with Object
     * Lock. The policy pack's mandatory `s3-bucket-no-force-destroy` flags such a stack unless its policy config
     * disables that rule.
     * With a `vault`: refused with a COMPLIANCE vault (nobody can delete its locked replicas, so it could never be
     * destroyed). With a GOVERNANCE vault, the vault too gets `forceDestroy` and loses `protect`, and its version-delete
     * deny exempts its `adminArns`: a destroy run as one of them empties it, bypassing the GOVERNANCE lock.
     * @default false: the bucket and key are protected and retained, and no log version can be deleted
     */
    allowDeletion?: boolean;
    /**
     * AWS Config delivers to this bucket: the bucket and key policies admit `config.amazonaws.com`, the Config prefix
     * gets its marker, and Athena gets its Config table. `false` leaves all of those out, for a bucket that receives
     * CloudTrail (and Session Manager or Security Hub) only; only such a bucket may have `objectLockDays`, since AWS
     * Config does not support a delivery channel to a bucket with Object Lock.
     * @default true
     */
    configDelivery?: boolean;
    /**
     * Sends every object-level event of the bucket (`Object Created`, `Object Deleted`, storage class changes, ...)
     * to the account's default EventBridge bus, through an `aws.s3.BucketNotification` with `eventbridge: true`, so
     * rules there can alert on a deletion or an unexpected write (Security Hub S3.11). S3 keeps one notification
     * configuration per bucket: a program with topic, queue or function notifications of its own sets this to
     * `false` and declares the one `BucketNotification` itself (with `eventbridge: true` to keep these events).
     * @default true
     */
    eventBridgeNotifications?: boolean;
    /**
     * A WORM copy in another region (and optionally another account): an Object Lock bucket filled by S3 Replication
     * from this one, with its own key, lifecycle and a policy only its administrators can change. The way to keep an
     * immutable copy of a bucket AWS Config delivers to.
     * @default no vault
     */
    vault?: VaultArgs;
    /**
     * Athena over the logs: a Glue database with CloudTrail and Config tables (partitions projected), a workgroup
     * that enforces encrypted results in a separate hardened results bucket, and saved queries for auditors.
     * @default Athena off
     */
    athena?: AthenaArgs;
}
