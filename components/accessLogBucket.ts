import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import { accessLogLifecycleRules, buildAccessLogBucketPolicy } from "./accessLogPolicy";
import { ACCESS_LOG_BUCKET_TYPE, ACCESS_LOG_PURPOSE_TAG, BLOCKED_ENCRYPTION_TYPES } from "./constants";

/** What the access-log target bucket is made from: plain values the audit-log bucket's settings already hold. */
export interface AccessLogBucketArgs {
    partition: string;
    accountId: string;
    /** The name of the bucket to create. */
    bucketName: string;
    /** The prefix S3 writes the logs under. */
    targetPrefix: string;
    /** The audit-log bucket whose requests are logged; only its deliveries are admitted. */
    sourceBucketName: string;
    retentionDays: number;
    noncurrentVersionExpirationDays: number;
    tags: Record<string, string>;
    /** Throwaway stacks: force-destroy, no protect or retainOnDelete. */
    allowDeletion: boolean;
}

/**
 * The bucket that receives an audit-log bucket's S3 server access logs, made the way S3 can deliver to it: in the
 * same account and region, SSE-S3 (always safe for log delivery), no Object Lock (a default retention breaks
 * delivery), ACLs off, public access blocked, versioned, TLS required, and a policy admitting only
 * `logging.s3.amazonaws.com` for the source bucket.
 */
export class AccessLogBucket extends pulumi.ComponentResource {
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;

    constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ACCESS_LOG_BUCKET_TYPE, name, {}, opts);
        const keep: pulumi.CustomResourceOptions = args.allowDeletion ? {} : { protect: true, retainOnDelete: true };
        const child = (extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({ parent: this, ...extra });

        const bucket = new s3.Bucket(
            `${name}-bucket`,
            { bucket: args.bucketName, forceDestroy: args.allowDeletion, tags: { ...args.tags, [ACCESS_LOG_PURPOSE_TAG.key]: ACCESS_LOG_PURPOSE_TAG.value } },
            child(keep),
        );
        const bucketId = bucket.bucket;
        const ownership = new s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucketId, rule: { objectOwnership: "BucketOwnerEnforced" } }, child());
        const publicAccessBlock = new s3.BucketPublicAccessBlock(
            `${name}-public-access-block`,
            { bucket: bucketId, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            child(),
        );
        const versioning = new s3.BucketVersioning(`${name}-versioning`, { bucket: bucketId, versioningConfiguration: { status: "Enabled" } }, child());
        new s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, { bucket: bucketId, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: [...BLOCKED_ENCRYPTION_TYPES] }] }, child());
        new s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            { bucket: bucketId, rules: accessLogLifecycleRules(args.retentionDays, args.noncurrentVersionExpirationDays) },
            child({ dependsOn: [versioning] }),
        );
        new s3.BucketPolicy(
            `${name}-policy`,
            {
                bucket: bucketId,
                policy: JSON.stringify(
                    buildAccessLogBucketPolicy({ partition: args.partition, accountId: args.accountId, targetBucket: args.bucketName, targetPrefix: args.targetPrefix, sourceBucket: args.sourceBucketName }),
                ),
            },
            child({ dependsOn: [ownership, publicAccessBlock] }),
        );

        this.bucketName = bucketId;
        this.bucketArn = bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
    }
}
