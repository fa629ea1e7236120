import type { AthenaArgs } from "./athena";
import type { AuditLogBucketArgs, EncryptionMode, ObjectLockMode } from "./args";
import { DEFAULT_NAME_PREFIX, LIFECYCLE_DEFAULTS, PURPOSE_TAG, partitionOf } from "./constants";
import type { LifecycleSettings } from "./lifecycle";
import { accessLogBucketName } from "./accessLogPolicy";
import { NamespaceKind, bucketName } from "./naming";
import { EnabledSources, LogPrefixes, resolvePrefixes } from "./prefixes";
import { AuditLogBucketArgsError, validateArgs, withNameSuffix } from "./validation";
import { VaultSettings, resolveVaultSettings } from "./vault/settings";

/** The args with every default applied: what the builders and the component work from. */
export interface AuditLogBucketSettings {
    accountId: string;
    region: string;
    partition: string;
    bucketName: string;
    bucketNamespace: NamespaceKind;
    encryption: EncryptionMode;
    lifecycle: LifecycleSettings;
    prefixes: Required<LogPrefixes>;
    enabledSources: EnabledSources;
    /** True when `kmsKeyArn` names an existing key, so the component creates none. */
    usesGivenKey: boolean;
    objectLock?: { mode: ObjectLockMode; days: number };
    /** With `create`, the component makes the target bucket (see accessLogBucket.ts). */
    accessLogging?: { targetBucket: string; targetPrefix: string; create: boolean };
    tags: Record<string, string>;
    /** The tags of a created access-log bucket: the user's tags, without this package's audit-log purpose tag. */
    accessLogTags: Record<string, string>;
    allowDeletion: boolean;
    /** AWS Config delivers here (its policy statements, prefix marker and Athena table). */
    configDelivery: boolean;
    /** Object-level events go to the default EventBridge bus (a BucketNotification with `eventbridge: true`). */
    eventBridgeNotifications: boolean;
    /** Athena over the logs, as given (the child component applies its defaults). */
    athena?: AthenaArgs;
    /** The WORM vault in another region, with its defaults applied. */
    vault?: VaultSettings;
}

/** Validates `args` (throwing every problem at once) and applies the defaults. */
export function resolveSettings(resourceName: string, args: AuditLogBucketArgs): AuditLogBucketSettings {
    const problems = validateArgs(args);
    if (problems.length > 0) {
        throw new AuditLogBucketArgsError(resourceName, problems);
    }
    const name = withNameSuffix(bucketName(args.namePrefix ?? DEFAULT_NAME_PREFIX, args.accountId, args.region, args.bucketNamespace ?? "global"), args.bucketNameSuffix);
    return {
        accountId: args.accountId,
        region: args.region,
        partition: partitionOf(args.region),
        bucketName: name,
        bucketNamespace: args.bucketNamespace ?? "global",
        encryption: args.encryption ?? "SSE_S3",
        lifecycle: {
            glacierAfterDays: args.glacierAfterDays ?? LIFECYCLE_DEFAULTS.glacierAfterDays,
            deepArchiveAfterDays: args.deepArchiveAfterDays ?? LIFECYCLE_DEFAULTS.deepArchiveAfterDays,
            retentionDays: args.retentionDays ?? LIFECYCLE_DEFAULTS.retentionDays,
            noncurrentVersionExpirationDays: args.noncurrentVersionExpirationDays ?? LIFECYCLE_DEFAULTS.noncurrentVersionExpirationDays,
            archiveMinObjectBytes: args.archiveMinObjectSizeBytes ?? LIFECYCLE_DEFAULTS.archiveMinObjectSizeBytes,
            instantRetrievalMinObjectBytes: Math.min(
                args.instantRetrievalMinObjectSizeBytes ?? LIFECYCLE_DEFAULTS.instantRetrievalMinObjectSizeBytes,
                args.archiveMinObjectSizeBytes ?? LIFECYCLE_DEFAULTS.archiveMinObjectSizeBytes,
            ),
        },
        prefixes: resolvePrefixes(args.prefixes),
        enabledSources: {
            config: args.configDelivery ?? true,
            sessionManager: (args.sessionManagerWriterArns ?? []).length > 0,
            securityHub: (args.securityHubWriterArns ?? []).length > 0,
        },
        usesGivenKey: args.kmsKeyArn !== undefined,
        objectLock: args.objectLockDays !== undefined ? { mode: args.objectLockMode ?? "GOVERNANCE", days: args.objectLockDays } : undefined,
        accessLogging:
            args.accessLogBucket !== undefined || args.createAccessLogBucket === true
                ? {
                      targetBucket: args.accessLogBucket ?? accessLogBucketName(args.accountId, args.region),
                      targetPrefix: args.accessLogPrefix ?? `${name}/`,
                      create: args.createAccessLogBucket === true,
                  }
                : undefined,
        tags: { ...(args.tags ?? {}), [PURPOSE_TAG.key]: PURPOSE_TAG.value, "managed-by": "audit-log-bucket" },
        accessLogTags: { ...(args.tags ?? {}), "managed-by": "audit-log-bucket" },
        allowDeletion: args.allowDeletion ?? false,
        configDelivery: args.configDelivery ?? true,
        eventBridgeNotifications: args.eventBridgeNotifications ?? true,
        athena: args.athena,
        vault: args.vault ? resolveVaultSettings(args.vault, { accountId: args.accountId, namePrefix: args.namePrefix ?? DEFAULT_NAME_PREFIX }) : undefined,
    };
}
