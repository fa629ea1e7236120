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
}

/** Every request the fake served: which call, with which access key, on which host. */
export interface ServedRequest {
    call: string;
    accessKeyId?: string;
    host: string;
    method: string;
    /** ListObjectsV2's prefix. */
    prefix?: string;
}
