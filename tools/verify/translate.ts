import type { AnalyzerResource } from "../policy/analyzer";
import type { LiveBucket, LiveKey } from "./read";

/**
 * Live state in the shapes a program declares under `@pulumi/aws` v7 (property names from the provider's
 * `s3/*.d.ts` and `kms/key.d.ts`), so the policy pack judges a deployed bucket by the same rules as a preview, and
 * drift compares like with like.
 */

/** The v7 resource type of each bucket setting the verifier reads. */
export const SETTING_TYPES = {
    bucket: "aws:s3/bucket:Bucket",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownershipControls: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    logging: "aws:s3/bucketLogging:BucketLogging",
    website: "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
    cors: "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    notification: "aws:s3/bucketNotification:BucketNotification",
} as const;

export type SettingKind = keyof typeof SETTING_TYPES;
export const KEY_TYPE = "aws:kms/key:Key";
export const ACCOUNT_BLOCK_TYPE = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
export const PROVIDER_TYPE = "pulumi:providers:aws";

export type Properties = Record<string, unknown>;

/** Each setting the bucket has, keyed by kind; a setting that is not configured is absent. */
export function bucketSettings(live: LiveBucket): Partial<Record<SettingKind, Properties>> {
    const bucket = live.name;
    const settings: Partial<Record<SettingKind, Properties>> = {
        bucket: clean({ bucket, objectLockEnabled: live.objectLock?.ObjectLockEnabled === "Enabled", tags: live.tags && Object.fromEntries(live.tags.map((tag) => [tag.Key, tag.Value])) }),
        // A bucket whose versioning was never switched on answers no status: v7 calls that "Disabled".
        versioning: clean({ bucket, versioningConfiguration: { status: live.versioning.Status ?? "Disabled", mfaDelete: live.versioning.MFADelete } }),
    };
    const block = live.publicAccessBlock;
    if (block) {
        settings.publicAccessBlock = { bucket, ...publicAccessFlags(block) };
    }
    const ownership = live.ownershipControls?.Rules?.[0]?.ObjectOwnership;
    if (ownership) {
        settings.ownershipControls = { bucket, rule: { objectOwnership: ownership } };
    }
    if (live.encryption?.Rules) {
        settings.encryption = clean({
            bucket,
            rules: live.encryption.Rules.map((rule) => ({
                applyServerSideEncryptionByDefault: rule.ApplyServerSideEncryptionByDefault && {
                    sseAlgorithm: rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm,
                    kmsMasterKeyId: rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID,
                },
                bucketKeyEnabled: rule.BucketKeyEnabled,
                // AWS-S3-401, AWS-S3-601: GetBucketEncryption reports which encryption types are blocked (SSE-C or NONE).
                blockedEncryptionTypes: rule.BlockedEncryptionTypes?.EncryptionType,
            })),
        });
    }
    if (live.policy !== undefined) {
        settings.policy = { bucket, policy: live.policy };
    }
    if (live.lifecycle) {
        settings.lifecycle = clean({
            bucket,
            rules: (live.lifecycle.Rules ?? []).map((rule) => ({
                id: rule.ID,
                status: rule.Status,
                prefix: rule.Prefix,
                filter: rule.Filter && {
                    prefix: rule.Filter.Prefix,
                    tag: rule.Filter.Tag && { key: rule.Filter.Tag.Key, value: rule.Filter.Tag.Value },
                    objectSizeGreaterThan: rule.Filter.ObjectSizeGreaterThan,
                    objectSizeLessThan: rule.Filter.ObjectSizeLessThan,
                    and: rule.Filter.And && {
                        prefix: rule.Filter.And.Prefix,
                        tags: rule.Filter.And.Tags && Object.fromEntries(rule.Filter.And.Tags.map((tag) => [tag.Key, tag.Value])),
                        objectSizeGreaterThan: rule.Filter.And.ObjectSizeGreaterThan,
                        objectSizeLessThan: rule.Filter.And.ObjectSizeLessThan,
                    },
                },
                expiration: rule.Expiration && { date: rule.Expiration.Date?.toISOString(), days: rule.Expiration.Days, expiredObjectDeleteMarker: rule.Expiration.ExpiredObjectDeleteMarker },
                transitions: rule.Transitions?.map((transition) => ({ date: transition.Date?.toISOString(), days: transition.Days, storageClass: transition.StorageClass })),
                noncurrentVersionExpiration: rule.NoncurrentVersionExpiration && {
                    noncurrentDays: rule.NoncurrentVersionExpiration.NoncurrentDays,
                    newerNoncurrentVersions: rule.NoncurrentVersionExpiration.NewerNoncurrentVersions,
                },
                noncurrentVersionTransitions: rule.NoncurrentVersionTransitions?.map((transition) => ({
                    noncurrentDays: transition.NoncurrentDays,
                    newerNoncurrentVersions: transition.NewerNoncurrentVersions,
                    storageClass: transition.StorageClass,
                })),
                abortIncompleteMultipartUpload: rule.AbortIncompleteMultipartUpload && { daysAfterInitiation: rule.AbortIncompleteMultipartUpload.DaysAfterInitiation },
            })),
            transitionDefaultMinimumObjectSize: live.lifecycle.TransitionDefaultMinimumObjectSize,
        });
    }
    if (live.objectLock) {
        const retention = live.objectLock.Rule?.DefaultRetention;
        settings.objectLock = clean({
            bucket,
            objectLockEnabled: live.objectLock.ObjectLockEnabled,
            rule: retention && { defaultRetention: { mode: retention.Mode, days: retention.Days, years: retention.Years } },
        });
    }
    if (live.logging) {
        settings.logging = clean({
            bucket,
            targetBucket: live.logging.TargetBucket,
            targetPrefix: live.logging.TargetPrefix,
            targetObjectKeyFormat: live.logging.TargetObjectKeyFormat && {
                simplePrefix: live.logging.TargetObjectKeyFormat.SimplePrefix && {},
                partitionedPrefix: live.logging.TargetObjectKeyFormat.PartitionedPrefix && { partitionDateSource: live.logging.TargetObjectKeyFormat.PartitionedPrefix.PartitionDateSource },
            },
        });
    }
    if (live.website) {
        const website = live.website;
        settings.website = clean({
            bucket,
            indexDocument: website.IndexDocument && { suffix: website.IndexDocument.Suffix },
            errorDocument: website.ErrorDocument && { key: website.ErrorDocument.Key },
            redirectAllRequestsTo: website.RedirectAllRequestsTo && { hostName: website.RedirectAllRequestsTo.HostName, protocol: website.RedirectAllRequestsTo.Protocol },
            routingRules: website.RoutingRules?.map((rule) => ({
                condition: rule.Condition && { httpErrorCodeReturnedEquals: rule.Condition.HttpErrorCodeReturnedEquals, keyPrefixEquals: rule.Condition.KeyPrefixEquals },
                redirect: {
                    hostName: rule.Redirect?.HostName,
                    httpRedirectCode: rule.Redirect?.HttpRedirectCode,
                    protocol: rule.Redirect?.Protocol,
                    replaceKeyPrefixWith: rule.Redirect?.ReplaceKeyPrefixWith,
                    replaceKeyWith: rule.Redirect?.ReplaceKeyWith,
                },
            })),
        });
    }
    if (live.cors) {
        settings.cors = clean({
            bucket,
            corsRules: live.cors.map((rule) => ({
                id: rule.ID,
                allowedHeaders: rule.AllowedHeaders,
                allowedMethods: rule.AllowedMethods,
                allowedOrigins: rule.AllowedOrigins,
                exposeHeaders: rule.ExposeHeaders,
                maxAgeSeconds: rule.MaxAgeSeconds,
            })),
        });
    }
    if (live.replication) {
        settings.replication = clean({
            bucket,
            role: live.replication.Role,
            rules: live.replication.Rules?.map((rule) => ({
                id: rule.ID,
                status: rule.Status,
                priority: rule.Priority,
                prefix: rule.Prefix,
                filter: rule.Filter && {
                    prefix: rule.Filter.Prefix,
                    tag: rule.Filter.Tag && { key: rule.Filter.Tag.Key, value: rule.Filter.Tag.Value },
                    and: rule.Filter.And && { prefix: rule.Filter.And.Prefix, tags: rule.Filter.And.Tags && Object.fromEntries(rule.Filter.And.Tags.map((tag) => [tag.Key, tag.Value])) },
                },
                deleteMarkerReplication: rule.DeleteMarkerReplication && { status: rule.DeleteMarkerReplication.Status },
                destination: {
                    bucket: rule.Destination?.Bucket,
                    account: rule.Destination?.Account,
                    storageClass: rule.Destination?.StorageClass,
                    encryptionConfiguration: rule.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID && { replicaKmsKeyId: rule.Destination.EncryptionConfiguration.ReplicaKmsKeyID },
                    replicationTime: rule.Destination?.ReplicationTime && { status: rule.Destination.ReplicationTime.Status, time: rule.Destination.ReplicationTime.Time && { minutes: rule.Destination.ReplicationTime.Time.Minutes } },
                    metrics: rule.Destination?.Metrics && { status: rule.Destination.Metrics.Status, eventThreshold: rule.Destination.Metrics.EventThreshold && { minutes: rule.Destination.Metrics.EventThreshold.Minutes } },
                },
                sourceSelectionCriteria: rule.SourceSelectionCriteria && {
                    sseKmsEncryptedObjects: rule.SourceSelectionCriteria.SseKmsEncryptedObjects && { status: rule.SourceSelectionCriteria.SseKmsEncryptedObjects.Status },
                    replicaModifications: rule.SourceSelectionCriteria.ReplicaModifications && { status: rule.SourceSelectionCriteria.ReplicaModifications.Status },
                },
            })),
        });
    }
    if (live.notification) {
        const notification = live.notification;
        settings.notification = clean({
            bucket,
            eventbridge: notification.EventBridgeConfiguration !== undefined ? true : undefined,
            topics: notification.TopicConfigurations?.map((topic) => ({ id: topic.Id, topicArn: topic.TopicArn, events: topic.Events, ...filterRules(topic.Filter?.Key?.FilterRules) })),
            queues: notification.QueueConfigurations?.map((queue) => ({ id: queue.Id, queueArn: queue.QueueArn, events: queue.Events, ...filterRules(queue.Filter?.Key?.FilterRules) })),
            lambdaFunctions: notification.LambdaFunctionConfigurations?.map((lambda) => ({ id: lambda.Id, lambdaFunctionArn: lambda.LambdaFunctionArn, events: lambda.Events, ...filterRules(lambda.Filter?.Key?.FilterRules) })),
        });
    }
    return settings;
}

/**
 * A KMS key as `aws.kms.Key` declares it, with the `arn` and `keyId` outputs a state export carries (the pack joins a
 * bucket's encryption to its key by them). The deletion window is not reported by AWS, so it is not here.
 */
export function keyProperties(key: LiveKey): Properties {
    const metadata = key.metadata;
    return clean({
        arn: metadata.Arn,
        keyId: metadata.KeyId,
        description: metadata.Description,
        isEnabled: metadata.Enabled,
        enableKeyRotation: key.rotationEnabled,
        rotationPeriodInDays: key.rotationPeriodInDays,
        keyUsage: metadata.KeyUsage,
        customerMasterKeySpec: metadata.KeySpec ?? metadata.CustomerMasterKeySpec,
        multiRegion: metadata.MultiRegion,
        policy: key.policy,
    });
}

/** The account's block as `aws.s3.AccountPublicAccessBlock` declares it; no block at all is four settings off. */
export function accountBlockProperties(accountId: string, block: { BlockPublicAcls?: boolean; IgnorePublicAcls?: boolean; BlockPublicPolicy?: boolean; RestrictPublicBuckets?: boolean } | undefined): Properties {
    return { accountId, ...publicAccessFlags(block ?? {}) };
}

export interface LiveStack {
    project: string;
    stack: string;
    /** `provider` names one of `providers`: where the bucket or key was read. */
    buckets: { name: string; settings: Partial<Record<SettingKind, Properties>>; provider?: string }[];
    keys: { arn: string; properties: Properties; provider?: string }[];
    account: { accountId: string; properties: Properties };
    /**
     * The places resources were read in, as a program's AWS providers declare them (`region`, `allowedAccountIds`), so
     * the pack knows a vault's region and account as it does in a preview.
     */
    providers?: { name: string; region: string; account: string }[];
}

/** The resources the engine would send the pack if a program declared exactly what is deployed. */
export function analyzerResources(live: LiveStack): AnalyzerResource[] {
    const urn = (type: string, name: string): string => `urn:pulumi:${live.stack}::${live.project}::${type}::${name}`;
    const resources: AnalyzerResource[] = [];
    // A provider reference is `<urn>::<id>`, as the engine sends it.
    const providerOf = (name: string | undefined): { provider?: string } => (name && live.providers?.some((provider) => provider.name === name) ? { provider: `${urn(PROVIDER_TYPE, name)}::live` } : {});
    for (const provider of live.providers ?? []) {
        resources.push({ urn: urn(PROVIDER_TYPE, provider.name), type: PROVIDER_TYPE, name: provider.name, properties: { region: provider.region, allowedAccountIds: JSON.stringify([provider.account]) } });
    }
    for (const bucket of live.buckets) {
        const bucketUrn = urn(SETTING_TYPES.bucket, bucket.name);
        for (const [kind, properties] of Object.entries(bucket.settings) as [SettingKind, Properties][]) {
            const name = kind === "bucket" ? bucket.name : `${bucket.name}-${kind}`;
            resources.push({
                urn: kind === "bucket" ? bucketUrn : urn(SETTING_TYPES[kind], name),
                type: SETTING_TYPES[kind],
                name,
                properties,
                dependencies: kind === "bucket" ? [] : [bucketUrn],
                propertyDependencies: kind === "bucket" ? {} : { bucket: [bucketUrn] },
                ...providerOf(bucket.provider),
            });
        }
    }
    for (const key of live.keys) {
        const name = key.arn.slice(key.arn.lastIndexOf("/") + 1);
        resources.push({ urn: urn(KEY_TYPE, name), type: KEY_TYPE, name, properties: key.properties, ...providerOf(key.provider) });
    }
    resources.push({ urn: urn(ACCOUNT_BLOCK_TYPE, `account-${live.account.accountId}`), type: ACCOUNT_BLOCK_TYPE, name: `account-${live.account.accountId}`, properties: live.account.properties });
    return resources;
}

function publicAccessFlags(block: { BlockPublicAcls?: boolean; IgnorePublicAcls?: boolean; BlockPublicPolicy?: boolean; RestrictPublicBuckets?: boolean }): Properties {
    return {
        blockPublicAcls: block.BlockPublicAcls === true,
        blockPublicPolicy: block.BlockPublicPolicy === true,
        ignorePublicAcls: block.IgnorePublicAcls === true,
        restrictPublicBuckets: block.RestrictPublicBuckets === true,
    };
}

function filterRules(rules: { Name?: string; Value?: string }[] | undefined): Properties {
    const find = (name: string): string | undefined => rules?.find((rule) => rule.Name?.toLowerCase() === name)?.Value;
    return { filterPrefix: find("prefix"), filterSuffix: find("suffix") };
}

/** Drops undefined members (recursively), as a program that leaves a property out. */
export function clean<T>(value: T): T {
    if (Array.isArray(value)) {
        return value.map(clean) as T;
    }
    if (value && typeof value === "object" && !(value instanceof Date)) {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, member]) => member !== undefined)
                .map(([name, member]) => [name, clean(member)]),
        ) as T;
    }
    return value;
}
