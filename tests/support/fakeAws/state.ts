/**
 * A programmable fake AWS account, in the wire shapes of the AWS API reference: S3 configurations as the XML
 * documents S3 returns (PascalCase elements, an array is a repeated element), KMS keys as DescribeKey's KeyMetadata.
 * A test builds the state it needs (a compliant bucket, drift, missing deliveries) and the fake server answers from it.
 */

/** An XML element tree: objects nest, arrays repeat the element, primitives are text. */
export type XmlValue = string | number | boolean | Date | XmlValue[] | { [element: string]: XmlValue | undefined };
export type XmlDocument = { [element: string]: XmlValue | undefined };

export interface FakeObject {
    key: string;
    lastModified: Date;
    size: number;
    /** The object's bytes, for GetObject (objects.ts); an object without a body is listed only. */
    body?: Buffer;
    /** User metadata, answered as `x-amz-meta-<name>` headers. */
    metadata?: Record<string, string>;
    /** `GLACIER` or `DEEP_ARCHIVE` make GetObject answer InvalidObjectState. @default STANDARD */
    storageClass?: string;
    /**
     * `x-amz-replication-status` of GetObject and HeadObject (AWS-S3-700): PENDING, COMPLETED or FAILED on a source
     * object a rule covers, REPLICA on a replica; absent, S3 sends no header.
     */
    replicationStatus?: "PENDING" | "COMPLETED" | "FAILED" | "REPLICA";
}

/** One bucket: each configuration is absent (S3 answers its "not configured" error) or the document S3 returns. */
export interface FakeBucket {
    region: string;
    ownershipControls?: XmlDocument;
    publicAccessBlock?: XmlDocument;
    /** `{}` when versioning was never enabled: S3 answers an empty VersioningConfiguration. */
    versioning: XmlDocument;
    /** Each rule's `BlockedEncryptionTypes` is reported as `SSE-C` (S3's default) unless the rule sets it. */
    encryption?: XmlDocument;
    policy?: string;
    lifecycle?: XmlDocument;
    /** The `x-amz-transition-default-minimum-object-size` header of GetBucketLifecycleConfiguration; S3's default, `all_storage_classes_128K`, when absent. */
    transitionDefaultMinimumObjectSize?: string;
    objectLock?: XmlDocument;
    /** `{}` when logging is off: S3 answers an empty BucketLoggingStatus. */
    logging: XmlDocument;
    website?: XmlDocument;
    cors?: XmlDocument;
    tags?: Record<string, string>;
    replication?: XmlDocument;
    /** `{}` when there are none: S3 answers an empty NotificationConfiguration. */
    notification: XmlDocument;
    objects: FakeObject[];
}

/** A KMS key: DescribeKey's KeyMetadata fields plus what GetKeyRotationStatus and GetKeyPolicy return. */
export interface FakeKey {
    metadata: {
        AWSAccountId: string;
        KeyId: string;
        Arn: string;
        CreationDate: Date;
        Enabled: boolean;
        Description: string;
        KeyUsage: string;
        KeyState: string;
        Origin: string;
        KeyManager: "CUSTOMER" | "AWS";
        CustomerMasterKeySpec: string;
        KeySpec: string;
        EncryptionAlgorithms: string[];
        MultiRegion: boolean;
        DeletionDate?: Date;
    };
    rotationEnabled: boolean;
    rotationPeriodInDays?: number;
    policy: string;
}

export interface FakeAccount {
    accountId: string;
    callerArn: string;
    buckets: Record<string, FakeBucket>;
    accountPublicAccessBlock?: XmlDocument;
    keys: FakeKey[];
    /** alias name (`alias/...`) → key id. */
    aliases: Record<string, string>;
    /** Calls answered with AccessDenied, as `<service>:<Operation>` (`s3:GetBucketPolicy`, `kms:GetKeyPolicy`). */
    denied: Set<string>;
    /** CloudTrail's public keys per region, for ListPublicKeys (cloudtrail.ts). */
    publicKeys?: Record<string, FakePublicKey[]>;
    /** Roles sts:AssumeRole may assume (sts.ts): role ARN → the account its sessions read. Any other role is denied. */
    roles?: Record<string, FakeAccount>;
    /** Each answer waits this long, as a remote endpoint would: requests then overlap at the server. */
    latencyMs?: number;
    /** Object keys GetObject and HeadObject are denied on (`<bucket>/<key>`), as a bucket policy might deny them. */
    deniedObjects?: Set<string>;
}

/** One CloudTrail signing key: `der` is the DER PKCS#1 public key. */
export interface FakePublicKey {
    fingerprint: string;
    der: Buffer;
    validityStart: Date;
    validityEnd: Date;
}

/** Every request the fake served: which call, with which access key, on which host. */
export interface ServedRequest {
    call: string;
    accessKeyId?: string;
    host: string;
    method: string;
    /** ListObjectsV2's prefix. */
    prefix?: string;
    /** The region of the request's SigV4 credential scope. */
    region?: string;
}

/**
 * A customer managed key as KMS describes it when the component created it and nobody changed it: enabled, symmetric,
 * rotated every 365 days, and its policy as KMS returns it (pretty-printed, not byte for byte as it was put).
 */
export function compliantKey(key: { account: string; keyId: string; arn: string; description: string; policy: string }): FakeKey {
    return {
        metadata: {
            AWSAccountId: key.account,
            KeyId: key.keyId,
            Arn: key.arn,
            CreationDate: new Date("2025-01-01T00:00:00Z"),
            Enabled: true,
            Description: key.description,
            KeyUsage: "ENCRYPT_DECRYPT",
            KeyState: "Enabled",
            Origin: "AWS_KMS",
            KeyManager: "CUSTOMER",
            CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
            KeySpec: "SYMMETRIC_DEFAULT",
            EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
            MultiRegion: false,
        },
        rotationEnabled: true,
        rotationPeriodInDays: 365,
        policy: JSON.stringify(JSON.parse(key.policy), null, 2),
    };
}

/**
 * The lifecycle S3 answers for the prod and log-archive buckets as the component creates them: small files to Glacier
 * Instant Retrieval and larger ones to Glacier and Deep Archive, expiry after seven years (2,555 days). A fresh
 * document a call, so a test that edits one bucket's rules leaves the other's alone.
 */
export function sevenYearLifecycle(): XmlDocument {
    return {
        Rule: [
            { ID: "archive-small-audit-logs", Filter: { And: { ObjectSizeGreaterThan: 49152, ObjectSizeLessThan: 131073 } }, Status: "Enabled", Transition: [{ Days: 90, StorageClass: "GLACIER_IR" }] },
            {
                ID: "archive-audit-logs",
                Filter: { ObjectSizeGreaterThan: 131072 },
                Status: "Enabled",
                Transition: [
                    { Days: 90, StorageClass: "GLACIER" },
                    { Days: 180, StorageClass: "DEEP_ARCHIVE" },
                ],
            },
            { ID: "expire-audit-logs", Filter: { ObjectSizeGreaterThan: 0 }, Status: "Enabled", Expiration: { Days: 2555 }, NoncurrentVersionExpiration: { NoncurrentDays: 90 } },
            { ID: "abort-uploads-and-clean-delete-markers", Filter: { Prefix: "" }, Status: "Enabled", Expiration: { ExpiredObjectDeleteMarker: true }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
        ],
    };
}
