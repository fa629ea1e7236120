/**
 * Type tokens of the resources the rules read. `@pulumi/aws` v7 splits a bucket's settings into sibling resources;
 * the deprecated `...V2` names are still accepted so programs mid-migration are checked too, and `@pulumi/aws-native`
 * carries every setting on one resource. Tokens instead of imported classes keep the pack's start-up free of the
 * provider SDKs.
 */
export const TYPES = {
    bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws-native:s3:Bucket"],
    publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    ownershipControls: ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"],
    versioning: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
    encryption: [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    lifecycle: ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"],
    policy: ["aws:s3/bucketPolicy:BucketPolicy", "aws-native:s3:BucketPolicy"],
    acl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
    objectLock: ["aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2"],
    logging: ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
    website: ["aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration", "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2"],
    cors: ["aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2"],
    replication: ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"],
    notification: ["aws:s3/bucketNotification:BucketNotification"],
    object: ["aws:s3/bucketObjectv2:BucketObjectv2", "aws:s3/bucketObject:BucketObject"],
    kmsKey: ["aws:kms/key:Key", "aws-native:kms:Key"],
    kmsKeyPolicy: ["aws:kms/keyPolicy:KeyPolicy"],
    accountPublicAccessBlock: ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"],
    /** Access points and Multi-Region Access Points (the second: s3control's, whose block sits in `details`). */
    accessPoint: ["aws:s3/accessPoint:AccessPoint", "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", "aws-native:s3:AccessPoint", "aws-native:s3:MultiRegionAccessPoint"],
} as const;

export type Kind = keyof typeof TYPES;

/** The sibling resources that configure one bucket, each naming it in `bucket`. */
export const SETTING_KINDS = ["publicAccessBlock", "ownershipControls", "versioning", "encryption", "lifecycle", "policy", "objectLock", "logging", "website", "cors", "replication", "notification"] as const;

export type SettingKind = (typeof SETTING_KINDS)[number];

export function isType(type: string, kind: Kind): boolean {
    return (TYPES[kind] as readonly string[]).includes(type);
}

// Every resource of a stack is looked up once per stack policy: a map, not a scan of every kind's tokens.
const SETTING_KIND_OF_TYPE: ReadonlyMap<string, SettingKind> = new Map(SETTING_KINDS.flatMap((kind) => TYPES[kind].map((type): [string, SettingKind] => [type, kind])));

/** The setting kind of a sibling resource's type, or undefined for any other type. */
export function settingKindOf(type: string): SettingKind | undefined {
    return SETTING_KIND_OF_TYPE.get(type);
}

export function isNative(type: string): boolean {
    return type.startsWith("aws-native:");
}
