import {
    GetBucketCorsCommand,
    GetBucketEncryptionCommand,
    GetBucketLifecycleConfigurationCommand,
    GetBucketLocationCommand,
    GetBucketLoggingCommand,
    GetBucketNotificationConfigurationCommand,
    GetBucketOwnershipControlsCommand,
    GetBucketPolicyCommand,
    GetBucketReplicationCommand,
    GetBucketTaggingCommand,
    GetBucketVersioningCommand,
    GetBucketWebsiteCommand,
    GetObjectLockConfigurationCommand,
    GetPublicAccessBlockCommand,
    HeadObjectCommand,
    ListObjectsV2Command,
    GetBucketCorsCommandOutput,
    GetBucketEncryptionCommandOutput,
    GetBucketLifecycleConfigurationCommandOutput,
    GetBucketLoggingCommandOutput,
    GetBucketNotificationConfigurationCommandOutput,
    GetBucketOwnershipControlsCommandOutput,
    GetBucketReplicationCommandOutput,
    GetBucketVersioningCommandOutput,
    GetBucketWebsiteCommandOutput,
    GetObjectLockConfigurationCommandOutput,
    GetPublicAccessBlockCommandOutput,
    Tag,
} from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, GetPublicAccessBlockCommandOutput as GetAccountPublicAccessBlockOutput } from "@aws-sdk/client-s3-control";
import { DescribeKeyCommand, DescribeKeyCommandOutput, GetKeyPolicyCommand, GetKeyRotationStatusCommand } from "@aws-sdk/client-kms";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { CallName, NOT_CONFIGURED_CODES } from "./calls";
import type { AwsClients } from "./clients";
import { VerifyError, awsErrorCode, explainAwsError } from "./errors";

/**
 * The bucket is in another region than the stack's: S3 answers a regional endpoint's calls on it with a redirect, so
 * nothing else can be read there. Reported as region drift, not as a failure.
 */
export class BucketRegionError extends VerifyError {
    constructor(
        readonly bucket: string,
        /** The bucket's region, from GetBucketLocation or the redirect's `x-amz-bucket-region`; undefined when S3 did not say. */
        readonly bucketRegion: string | undefined,
        readonly expectedRegion: string,
    ) {
        super(`bucket ${bucket} is in ${bucketRegion ?? "another region"}, not ${expectedRegion}`);
        this.name = "BucketRegionError";
    }
}

/** What S3 reports about one bucket; a configuration that was never set is undefined. */
export interface LiveBucket {
    name: string;
    region: string;
    ownershipControls?: GetBucketOwnershipControlsCommandOutput["OwnershipControls"];
    publicAccessBlock?: GetPublicAccessBlockCommandOutput["PublicAccessBlockConfiguration"];
    versioning: Pick<GetBucketVersioningCommandOutput, "Status" | "MFADelete">;
    encryption?: GetBucketEncryptionCommandOutput["ServerSideEncryptionConfiguration"];
    policy?: string;
    lifecycle?: Pick<GetBucketLifecycleConfigurationCommandOutput, "Rules" | "TransitionDefaultMinimumObjectSize">;
    objectLock?: GetObjectLockConfigurationCommandOutput["ObjectLockConfiguration"];
    logging?: GetBucketLoggingCommandOutput["LoggingEnabled"];
    website?: Omit<GetBucketWebsiteCommandOutput, "$metadata">;
    cors?: GetBucketCorsCommandOutput["CORSRules"];
    tags?: Tag[];
    replication?: GetBucketReplicationCommandOutput["ReplicationConfiguration"];
    notification?: Omit<GetBucketNotificationConfigurationCommandOutput, "$metadata">;
}

/** What KMS reports about one key. */
export interface LiveKey {
    metadata: NonNullable<DescribeKeyCommandOutput["KeyMetadata"]>;
    /** Undefined for AWS managed keys: AWS rotates them, and their policy is AWS's. */
    rotationEnabled?: boolean;
    rotationPeriodInDays?: number;
    policy?: string;
}

/** A reader of live state that knows who is calling, so a refusal names the caller. */
export class LiveReader {
    caller?: string;

    constructor(private readonly clients: AwsClients) {}

    async identity(): Promise<{ account: string; arn: string }> {
        const identity = await this.call("sts:GetCallerIdentity", "the caller", () => this.clients.sts.send(new GetCallerIdentityCommand({})));
        this.caller = identity.Arn;
        return { account: identity.Account ?? "", arn: identity.Arn ?? "" };
    }

    /** Every configuration of the bucket; rejects with a VerifyError when the bucket does not exist. */
    async bucket(name: string): Promise<LiveBucket> {
        const s3 = this.clients.s3;
        const Bucket = name;
        const target = `bucket ${name}`;
        const expectedRegion = await s3.config.region();
        const location = await this.call("s3:GetBucketLocation", target, () => s3.send(new GetBucketLocationCommand({ Bucket }))).catch((error: unknown) => {
            throw redirectedRegion(error, name, expectedRegion) ?? error;
        });
        // GetBucketLocation answers an empty constraint for us-east-1 (and "EU" for the oldest eu-west-1 buckets).
        const region = !location.LocationConstraint ? "us-east-1" : location.LocationConstraint === "EU" ? "eu-west-1" : location.LocationConstraint;
        if (region !== expectedRegion) {
            throw new BucketRegionError(name, region, expectedRegion);
        }
        const [ownership, publicAccess, versioning, encryption, policy, lifecycle, objectLock, logging, website, cors, tagging, replication, notification] = await Promise.all([
            this.optional("s3:GetBucketOwnershipControls", target, () => s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))),
            this.optional("s3:GetPublicAccessBlock", target, () => s3.send(new GetPublicAccessBlockCommand({ Bucket }))),
            this.call("s3:GetBucketVersioning", target, () => s3.send(new GetBucketVersioningCommand({ Bucket }))),
            this.optional("s3:GetBucketEncryption", target, () => s3.send(new GetBucketEncryptionCommand({ Bucket }))),
            this.optional("s3:GetBucketPolicy", target, () => s3.send(new GetBucketPolicyCommand({ Bucket }))),
            this.optional("s3:GetBucketLifecycleConfiguration", target, () => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))),
            this.optional("s3:GetObjectLockConfiguration", target, () => s3.send(new GetObjectLockConfigurationCommand({ Bucket }))),
            this.call("s3:GetBucketLogging", target, () => s3.send(new GetBucketLoggingCommand({ Bucket }))),
            this.optional("s3:GetBucketWebsite", target, () => s3.send(new GetBucketWebsiteCommand({ Bucket }))),
            this.optional("s3:GetBucketCors", target, () => s3.send(new GetBucketCorsCommand({ Bucket }))),
            this.optional("s3:GetBucketTagging", target, () => s3.send(new GetBucketTaggingCommand({ Bucket }))),
            this.optional("s3:GetBucketReplication", target, () => s3.send(new GetBucketReplicationCommand({ Bucket }))),
            this.call("s3:GetBucketNotificationConfiguration", target, () => s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }))),
        ]);
        const { $metadata: _website, ...websiteConfig } = website ?? { $metadata: {} };
        const { $metadata: _notification, ...notificationConfig } = notification;
        return {
            name,
            region,
            ownershipControls: ownership?.OwnershipControls,
            publicAccessBlock: publicAccess?.PublicAccessBlockConfiguration,
            versioning: { Status: versioning.Status, MFADelete: versioning.MFADelete },
            encryption: encryption?.ServerSideEncryptionConfiguration,
            policy: policy?.Policy,
            lifecycle: lifecycle && { Rules: lifecycle.Rules, TransitionDefaultMinimumObjectSize: lifecycle.TransitionDefaultMinimumObjectSize },
            objectLock: objectLock?.ObjectLockConfiguration,
            logging: logging.LoggingEnabled,
            website: website ? websiteConfig : undefined,
            cors: cors?.CORSRules,
            tags: tagging?.TagSet,
            replication: replication?.ReplicationConfiguration,
            notification: hasNotifications(notificationConfig) ? notificationConfig : undefined,
        };
    }

    /** The account's public access block; undefined when the account has none. */
    async accountPublicAccessBlock(accountId: string): Promise<GetAccountPublicAccessBlockOutput["PublicAccessBlockConfiguration"]> {
        const answer = await this.optional("s3control:GetPublicAccessBlock", `account ${accountId}`, () => this.clients.s3control.send(new GetAccountPublicAccessBlockCommand({ AccountId: accountId })));
        return answer?.PublicAccessBlockConfiguration;
    }

    /** The key a key id, key ARN, alias name or alias ARN names; undefined when it does not exist. */
    async describeKey(keyId: string): Promise<LiveKey["metadata"] | undefined> {
        try {
            const answer = await this.clients.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
            return answer.KeyMetadata;
        } catch (error) {
            if (awsErrorCode(error) === "NotFoundException") {
                return undefined;
            }
            throw explainAwsError("kms:DescribeKey", `key ${keyId}`, error, this.caller);
        }
    }

    /** A customer managed key's rotation and policy; AWS managed keys report metadata only. */
    async key(metadata: LiveKey["metadata"]): Promise<LiveKey> {
        if (metadata.KeyManager !== "CUSTOMER") {
            return { metadata };
        }
        const KeyId = metadata.Arn ?? metadata.KeyId;
        const target = `key ${KeyId}`;
        const [rotation, policy] = await Promise.all([
            this.call("kms:GetKeyRotationStatus", target, () => this.clients.kms.send(new GetKeyRotationStatusCommand({ KeyId }))),
            this.call("kms:GetKeyPolicy", target, () => this.clients.kms.send(new GetKeyPolicyCommand({ KeyId, PolicyName: "default" }))),
        ]);
        return { metadata, rotationEnabled: rotation.KeyRotationEnabled, rotationPeriodInDays: rotation.RotationPeriodInDays, policy: policy.Policy };
    }

    /** One page of ListObjectsV2: keys in key order (not time order), with a token for the next page. */
    async listPage(bucket: string, prefix: string, maxKeys: number, continuationToken?: string): Promise<{ objects: { key: string; lastModified: Date }[]; next?: string }> {
        const page = await this.call("s3:ListObjectsV2", `bucket ${bucket}`, () =>
            this.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: maxKeys, ContinuationToken: continuationToken })),
        );
        return {
            objects: (page.Contents ?? []).filter((object) => object.Key !== undefined).map((object) => ({ key: object.Key as string, lastModified: object.LastModified ?? new Date(0) })),
            next: page.IsTruncated ? page.NextContinuationToken : undefined,
        };
    }

    /**
     * HeadObject of one object: whether it exists, and its `x-amz-replication-status` (AWS-S3-700: PENDING, COMPLETED
     * or FAILED on a source object of a replication rule, REPLICA on a replica, absent on an object no rule covers).
     * HeadObject is authorized by s3:GetObject and answers errors without a body (AWS-S3-301): 404 is missing, 403 a
     * refusal, which is a VerifyError naming s3:GetObject.
     */
    async headObject(bucket: string, key: string): Promise<{ exists: false } | { exists: true; replicationStatus?: string; lastModified?: Date }> {
        try {
            const head = await this.clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
            return { exists: true, replicationStatus: head.ReplicationStatus, lastModified: head.LastModified };
        } catch (error) {
            const code = awsErrorCode(error);
            if (code === "NotFound" || code === "NoSuchKey") {
                return { exists: false };
            }
            throw Object.assign(explainAwsError("s3:HeadObject", `s3://${bucket}/${key}`, error, this.caller), { cause: error });
        }
    }

    /** One call; any error becomes a VerifyError naming the call, the SDK's error kept as its cause. */
    async call<T>(call: CallName, target: string, send: () => Promise<T>): Promise<T> {
        try {
            return await send();
        } catch (error) {
            throw Object.assign(explainAwsError(call, target, error, this.caller), { cause: error });
        }
    }

    /** A call whose "not configured" answer means the setting is absent. */
    private async optional<T>(call: CallName, target: string, send: () => Promise<T>): Promise<T | undefined> {
        try {
            return await send();
        } catch (error) {
            const code = awsErrorCode(error);
            if (code !== undefined && NOT_CONFIGURED_CODES.has(code)) {
                return undefined;
            }
            throw explainAwsError(call, target, error, this.caller);
        }
    }
}

/**
 * AWS-S3-402: a call sent to another region's endpoint than the bucket's is answered 301 PermanentRedirect (400
 * IllegalLocationConstraintException in the newer regions) with the bucket's region in `x-amz-bucket-region`.
 */
function redirectedRegion(error: unknown, bucket: string, expectedRegion: string): BucketRegionError | undefined {
    const sdk = ((error as { cause?: unknown })?.cause ?? error) as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } };
    const code = sdk?.Code ?? sdk?.name;
    if (sdk?.$metadata?.httpStatusCode !== 301 && code !== "PermanentRedirect" && code !== "IllegalLocationConstraintException") {
        return undefined;
    }
    return new BucketRegionError(bucket, sdk.$response?.headers?.["x-amz-bucket-region"], expectedRegion);
}

function hasNotifications(config: Omit<GetBucketNotificationConfigurationCommandOutput, "$metadata">): boolean {
    return (config.TopicConfigurations?.length ?? 0) + (config.QueueConfigurations?.length ?? 0) + (config.LambdaFunctionConfigurations?.length ?? 0) > 0 || config.EventBridgeConfiguration !== undefined;
}
