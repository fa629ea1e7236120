/**
 * Type tokens of the resources the rules read. `@pulumi/aws` v7 splits a bucket's settings into sibling resources;
 * the deprecated `...V2` names are still accepted so programs mid-migration are checked too. Tokens instead of
 * imported classes keep the pack's start-up free of the provider SDK.
 */
export const TYPES = {
    bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    ownershipControls: ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"],
    versioning: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
    encryption: [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    lifecycle: ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"],
    policy: ["aws:s3/bucketPolicy:BucketPolicy"],
    acl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
    objectLock: ["aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2"],
    logging: ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
    object: ["aws:s3/bucketObjectv2:BucketObjectv2", "aws:s3/bucketObject:BucketObject"],
    kmsKey: ["aws:kms/key:Key"],
} as const;

export type SettingKind = Exclude<keyof typeof TYPES, "bucket" | "object" | "kmsKey">;

export function isType(type: string, kind: keyof typeof TYPES): boolean {
    return (TYPES[kind] as readonly string[]).includes(type);
}
