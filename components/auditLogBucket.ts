import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import { AccessLogBucket } from "./accessLogBucket";
import type { AuditLogBucketArgs } from "./args";
import { BucketPolicyInputs, buildBucketPolicy } from "./bucketPolicy";
import { AUDIT_LOG_BUCKET_TYPE, BLOCKED_ENCRYPTION_TYPES, KMS_KEY_DEFAULTS, PURPOSE_TAG } from "./constants";
import { AuditLogAthena } from "./auditLogAthena";
import { buildKeyPolicy } from "./keyPolicy";
import { lifecycleRules } from "./lifecycle";
import { LogSource, enabledPrefixes } from "./prefixes";
import { AuditLogBucketSettings, resolveSettings } from "./settings";
import { AuditLogBucketArgsError, validateArgs } from "./validation";
import { AuditLogVault, VAULT_PURPOSE } from "./vault/auditLogVault";
import { replicationSourceKeyStatement, withStatement } from "./vault/policy";

/**
 * A hardened S3 bucket for audit logs: CloudTrail, AWS Config, Session Manager and Security Hub deliveries, each
 * confined to its prefix and account, ACLs off, public access blocked, versioned, encrypted, with archive tiers and a
 * retention period. Bad args are refused, all at once, before any resource is registered.
 */
export class AuditLogBucket extends pulumi.ComponentResource {
    /** The bucket's name, `<namePrefix>-<accountId>-<region>` (with `-an` in the account-regional namespace, or `-<bucketNameSuffix>` when set). */
    public readonly bucketName: pulumi.Output<string>;
    /** The bucket's ARN. */
    public readonly bucketArn: pulumi.Output<string>;
    /** The ARN of the KMS key objects are encrypted with; undefined with SSE-S3. */
    public readonly kmsKeyArn: pulumi.Output<string | undefined>;
    /** The bucket policy, as JSON. */
    public readonly bucketPolicyJson: pulumi.Output<string>;
    /** The policy of the key the component created, as JSON; undefined when it created none. */
    public readonly keyPolicyJson: pulumi.Output<string | undefined>;
    /** The log prefixes that deliver to this bucket, each present as a zero-byte marker object. */
    public readonly prefixes: pulumi.Output<string[]>;
    /** The Glue database of the Athena tables; undefined when `athena` is not set. */
    public readonly athenaDatabaseName: pulumi.Output<string | undefined>;
    /** The Athena workgroup readers run queries in; undefined when `athena` is not set. */
    public readonly athenaWorkgroupName: pulumi.Output<string | undefined>;
    /** The bucket Athena writes query results to; undefined when `athena` is not set. */
    public readonly athenaResultsBucketName: pulumi.Output<string | undefined>;
    /** The IAM policy (JSON) reader roles attach to run queries; undefined when `athena` is not set. */
    public readonly athenaReaderPolicyJson: pulumi.Output<string | undefined>;
    /** The vault's bucket name, `<namePrefix>-vault-<vault account>-<vault region>`; undefined without `vault`. */
    public readonly vaultBucketName: pulumi.Output<string | undefined>;
    /** The vault's KMS key ARN; undefined without `vault` or with SSE-S3. */
    public readonly vaultKmsKeyArn: pulumi.Output<string | undefined>;
    /** The vault's bucket policy, as JSON; undefined without `vault`. */
    public readonly vaultBucketPolicyJson: pulumi.Output<string | undefined>;
    /** The role S3 assumes to replicate into the vault; undefined without `vault`. */
    public readonly replicationRoleArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: AuditLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = resolveSettings(name, args);
        super(AUDIT_LOG_BUCKET_TYPE, name, {}, opts);
        const child = childOptions(this, name, opts);

        const keep: pulumi.CustomResourceOptions = settings.allowDeletion ? {} : { protect: true, retainOnDelete: true };
        const principals = resolvedPrincipals(name, args);
        const logPrefixes = enabledPrefixes(settings.prefixes, settings.enabledSources);

        // The vault (and its replication role) first: the key policy below names the role, and KMS refuses unknown principals.
        const vault = createVault(child, name, settings);
        const key = createKey(child, name, settings, principals, keep, vault);
        const kmsKeyArn: pulumi.Output<string | undefined> =
            settings.encryption === "SSE_KMS" ? (key ? key.arn : pulumi.output(args.kmsKeyArn as pulumi.Input<string>)) : pulumi.output(undefined);

        const bucket = new s3.Bucket(
            `${name}-bucket`,
            {
                bucket: settings.bucketName,
                // AWS-S3-602: a name only this account can create; left out in the global namespace (the provider's default).
                bucketNamespace: settings.bucketNamespace === "account-regional" ? "account-regional" : undefined,
                // Only a throwaway stack's bucket may be emptied by a destroy.
                forceDestroy: settings.allowDeletion,
                objectLockEnabled: settings.objectLock ? true : undefined,
                tags: settings.tags,
            },
            child("bucket", keep),
        );
        const bucketId = bucket.bucket;

        const ownership = new s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucketId, rule: { objectOwnership: "BucketOwnerEnforced" } }, child("ownership"));
        const publicAccessBlock = new s3.BucketPublicAccessBlock(
            `${name}-public-access-block`,
            { bucket: bucketId, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            child("public-access-block"),
        );
        const versioning = new s3.BucketVersioning(`${name}-versioning`, { bucket: bucketId, versioningConfiguration: { status: "Enabled" } }, child("versioning"));
        const encryption = new s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket: bucketId,
                rules: [
                    settings.encryption === "SSE_KMS"
                        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true, blockedEncryptionTypes: [...BLOCKED_ENCRYPTION_TYPES] }
                        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: [...BLOCKED_ENCRYPTION_TYPES] },
                ],
            },
            child("encryption"),
        );
        if (settings.objectLock) {
            new s3.BucketObjectLockConfiguration(
                `${name}-object-lock`,
                { bucket: bucketId, objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: settings.objectLock.mode, days: settings.objectLock.days } } },
                child("object-lock", { dependsOn: [versioning] }),
            );
        }
        new s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            { bucket: bucketId, rules: lifecycleRules(settings.lifecycle), transitionDefaultMinimumObjectSize: "all_storage_classes_128K" },
            child("lifecycle", { dependsOn: [versioning] }),
        );
        if (settings.eventBridgeNotifications) {
            // Object-level events to the default EventBridge bus, where a rule can alert on a deletion. S3 needs no
            // grant for it, and S3 keeps one notification configuration per bucket, so this is the bucket's only one.
            new s3.BucketNotification(`${name}-event-notifications`, { bucket: bucketId, eventbridge: true }, child("event-notifications"));
        }

        const bucketPolicyJson = principals.apply((resolved) => JSON.stringify(buildBucketPolicy(bucketPolicyInputs(settings, resolved))));
        const policy = new s3.BucketPolicy(
            `${name}-policy`,
            { bucket: bucketId, policy: bucketPolicyJson },
            // S3 rejects a policy put that races the public access block, and ACL-era grants must be gone first.
            child("policy", { dependsOn: [ownership, publicAccessBlock] }),
        );
        createAccessLogging(child, name, settings, bucketId);
        const athena = createAthena(child, name, args, settings, principals, kmsKeyArn, policy);
        createPrefixMarkers(child, name, logPrefixes, bucketId, [encryption, versioning, policy], keep);
        vault?.replicateFrom({ bucket: bucketId, kmsKeyArn: settings.encryption === "SSE_KMS" ? (kmsKeyArn as pulumi.Output<string>) : undefined, after: [versioning, encryption] });

        this.bucketName = bucketId;
        this.bucketArn = bucket.arn;
        this.kmsKeyArn = kmsKeyArn;
        this.bucketPolicyJson = bucketPolicyJson;
        this.keyPolicyJson = key ? key.policy : pulumi.output(undefined);
        this.prefixes = pulumi.output(logPrefixes.map(({ prefix }) => prefix));
        this.athenaDatabaseName = athena ? athena.databaseName : pulumi.output(undefined);
        this.athenaWorkgroupName = athena ? athena.workgroupName : pulumi.output(undefined);
        this.athenaResultsBucketName = athena ? athena.resultsBucketName : pulumi.output(undefined);
        this.athenaReaderPolicyJson = athena ? athena.readerPolicyJson : pulumi.output(undefined);
        this.vaultBucketName = vault ? vault.bucketName : pulumi.output(undefined);
        this.vaultKmsKeyArn = vault ? vault.kmsKeyArn : pulumi.output(undefined);
        this.vaultBucketPolicyJson = vault ? vault.bucketPolicyJson : pulumi.output(undefined);
        this.replicationRoleArn = vault ? vault.replicationRoleArn : pulumi.output(undefined);
        this.registerOutputs({
            bucketName: this.bucketName,
            bucketArn: this.bucketArn,
            kmsKeyArn: this.kmsKeyArn,
            bucketPolicyJson: this.bucketPolicyJson,
            keyPolicyJson: this.keyPolicyJson,
            prefixes: this.prefixes,
            athenaDatabaseName: this.athenaDatabaseName,
            athenaWorkgroupName: this.athenaWorkgroupName,
            athenaResultsBucketName: this.athenaResultsBucketName,
            athenaReaderPolicyJson: this.athenaReaderPolicyJson,
            vaultBucketName: this.vaultBucketName,
            vaultKmsKeyArn: this.vaultKmsKeyArn,
            vaultBucketPolicyJson: this.vaultBucketPolicyJson,
            replicationRoleArn: this.replicationRoleArn,
        });
    }
}

/** The customer managed key the component creates for SSE-KMS, unless a key ARN was given. */
function createKey(
    child: ChildOptions,
    name: string,
    settings: AuditLogBucketSettings,
    principals: pulumi.Output<ResolvedPrincipals>,
    keep: pulumi.CustomResourceOptions,
    vault: AuditLogVault | undefined,
): kms.Key | undefined {
    if (settings.encryption !== "SSE_KMS" || settings.usesGivenKey) {
        return undefined;
    }
    const key = new kms.Key(
        `${name}-key`,
        {
            description: `Encrypts the audit logs in s3://${settings.bucketName}`,
            enableKeyRotation: true,
            deletionWindowInDays: KMS_KEY_DEFAULTS.deletionWindowInDays,
            policy: principals.apply((resolved) =>
                JSON.stringify(
                    withStatement(buildKeyPolicy({
                        partition: settings.partition,
                        accountId: settings.accountId,
                        region: settings.region,
                        cloudTrailArns: resolved.cloudTrailArns,
                        organizationId: resolved.organizationId,
                        managementAccountId: resolved.managementAccountId,
                        sourceAccountIds: resolved.sourceAccountIds,
                        sourceOrgPaths: resolved.sourceOrgPaths,
                        readerArns: resolved.readerArns,
                        writerArns: [...resolved.sessionManagerWriterArns, ...resolved.securityHubWriterArns],
                        readersEncryptQueryResults: settings.athena !== undefined,
                        configDelivery: settings.configDelivery,
                    }),
                    // The vault's replication role decrypts what it replicates.
                    vault ? replicationSourceKeyStatement({ partition: settings.partition, region: settings.region, bucketName: settings.bucketName, replicationRoleArn: vault.replicationRoleArnPlain }) : undefined),
                ),
            ),
            tags: settings.tags,
        },
        // KMS refuses a policy naming a principal that does not exist yet: the replication role comes first.
        child("key", vault ? { ...keep, dependsOn: [vault.replicationRole] } : keep),
    );
    new kms.Alias(`${name}-key-alias`, { name: `alias/${settings.bucketName}`, targetKeyId: key.keyId }, child("key-alias"));
    return key;
}

/** The WORM vault in another region, with the role that replicates into it; `replicateFrom` wires the source later. */
function createVault(child: ChildOptions, name: string, settings: AuditLogBucketSettings): AuditLogVault | undefined {
    if (settings.vault === undefined) {
        return undefined;
    }
    return new AuditLogVault(
        `${name}-vault`,
        {
            partition: settings.partition,
            sourceAccountId: settings.accountId,
            sourceRegion: settings.region,
            sourceBucketName: settings.bucketName,
            kms: settings.encryption === "SSE_KMS",
            retentionDays: settings.lifecycle.retentionDays,
            vault: settings.vault,
            // Not purpose=audit-logs: no service delivers to the vault, so the pack's delivery rules do not apply to it.
            tags: { ...settings.tags, [PURPOSE_TAG.key]: VAULT_PURPOSE },
            allowDeletion: settings.allowDeletion,
        },
        child("vault"),
    );
}

/** Athena over the logs, once the bucket policy that lets readers in exists. */
function createAthena(
    child: ChildOptions,
    name: string,
    args: AuditLogBucketArgs,
    settings: AuditLogBucketSettings,
    principals: pulumi.Output<ResolvedPrincipals>,
    kmsKeyArn: pulumi.Output<string | undefined>,
    policy: s3.BucketPolicy,
): AuditLogAthena | undefined {
    if (settings.athena === undefined) {
        return undefined;
    }
    return new AuditLogAthena(
        `${name}-athena`,
        {
            partition: settings.partition,
            accountId: settings.accountId,
            region: settings.region,
            bucketName: settings.bucketName,
            cloudTrailPrefix: settings.prefixes.cloudTrail,
            configPrefix: settings.prefixes.config,
            organizationId: args.organizationId,
            managementAccountId: args.managementAccountId,
            sourceAccountIds: args.sourceAccountIds,
            readerArns: principals.apply((resolved) => resolved.readerArns),
            kmsKeyArn: settings.encryption === "SSE_KMS" ? (kmsKeyArn as pulumi.Output<string>) : undefined,
            tags: settings.tags,
            athena: settings.athena,
            allowDeletion: settings.allowDeletion,
            configDelivery: settings.configDelivery,
        },
        { ...child("athena"), dependsOn: [policy] },
    );
}

/**
 * Server access logging to the target bucket; when asked, the target is created first (with the policy that
 * admits the deliveries), so the first logs are not refused.
 */
function createAccessLogging(child: ChildOptions, name: string, settings: AuditLogBucketSettings, bucketId: pulumi.Output<string>): void {
    const logging = settings.accessLogging;
    if (!logging) {
        return;
    }
    const target = logging.create
        ? new AccessLogBucket(
              `${name}-access-logs`,
              {
                  partition: settings.partition,
                  accountId: settings.accountId,
                  bucketName: logging.targetBucket,
                  targetPrefix: logging.targetPrefix,
                  sourceBucketName: settings.bucketName,
                  retentionDays: settings.lifecycle.retentionDays,
                  noncurrentVersionExpirationDays: settings.lifecycle.noncurrentVersionExpirationDays,
                  tags: settings.accessLogTags,
                  allowDeletion: settings.allowDeletion,
              },
              child("access-logs"),
          )
        : undefined;
    new s3.BucketLogging(
        `${name}-access-logging`,
        { bucket: bucketId, targetBucket: target ? target.bucketName : logging.targetBucket, targetPrefix: logging.targetPrefix },
        child("access-logging", target ? { dependsOn: [target] } : {}),
    );
}

/** A zero-byte object per enabled prefix, so readers and Athena tables can point at it before the first delivery. */
function createPrefixMarkers(
    child: ChildOptions,
    name: string,
    prefixes: readonly { source: LogSource; prefix: string }[],
    bucketId: pulumi.Output<string>,
    after: pulumi.Resource[],
    keep: pulumi.CustomResourceOptions,
): void {
    for (const { source, prefix } of prefixes) {
        new s3.BucketObjectv2(
            `${name}-prefix-${PREFIX_MARKER_NAMES[source]}`,
            { bucket: bucketId, key: prefix, content: "", contentType: "application/x-directory" },
            // Versions of log objects cannot be deleted (the bucket policy denies it), so a destroy leaves markers.
            child(`prefix-${PREFIX_MARKER_NAMES[source]}`, { dependsOn: after, retainOnDelete: keep.retainOnDelete }),
        );
    }
}

type ChildOptions = (role: string, extra?: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions;

/**
 * Options of the child with `role`, named `<name>-<role>`. When the component itself was renamed or moved (its
 * `aliases`), each child gets the matching alias, its old name under its old parent, so the engine keeps the bucket,
 * its key and its settings instead of replacing them: an audit-log bucket is never deleted by a refactor.
 */
function childOptions(parent: pulumi.ComponentResource, name: string, opts: pulumi.ComponentResourceOptions | undefined): ChildOptions {
    const renamedFrom = opts?.aliases ?? [];
    return (role, extra = {}) => {
        const aliases = renamedFrom.map((alias) =>
            pulumi.output(alias).apply((resolved): pulumi.Alias => {
                if (typeof resolved === "string") {
                    return { name: `${resolved.slice(resolved.lastIndexOf("::") + 2)}-${role}`, parent: resolved };
                }
                const oldName = typeof resolved.name === "string" ? resolved.name : name;
                const oldComponentParent = (resolved.parent as pulumi.Resource | string | undefined) ?? opts?.parent;
                const oldType = typeof resolved.type === "string" ? resolved.type : AUDIT_LOG_BUCKET_TYPE;
                const oldParent = pulumi.createUrn(oldName, oldType, oldComponentParent, resolved.project, resolved.stack);
                return { name: `${oldName}-${role}`, parent: oldParent };
            }),
        );
        return { parent, ...(aliases.length > 0 ? { aliases } : {}), ...extra };
    };
}

const PREFIX_MARKER_NAMES: Record<LogSource, string> = {
    cloudTrail: "cloudtrail",
    config: "config",
    sessionManager: "ssm",
    securityHub: "securityhub",
};

interface ResolvedPrincipals {
    cloudTrailArns: string[];
    readerArns: string[];
    sessionManagerWriterArns: string[];
    securityHubWriterArns: string[];
    organizationId?: string;
    managementAccountId?: string;
    sourceAccountIds?: string[];
    sourceOrgPaths?: string[];
}

/**
 * The principal lists with every `Output` resolved. ARNs that were outputs at construction are validated here, with
 * the same rules and message as the up-front check.
 */
function resolvedPrincipals(name: string, args: AuditLogBucketArgs): pulumi.Output<ResolvedPrincipals> {
    return pulumi
        .all([args.cloudTrailArns ?? [], args.readerArns ?? [], args.sessionManagerWriterArns ?? [], args.securityHubWriterArns ?? []])
        .apply(([cloudTrailArns, readerArns, sessionManagerWriterArns, securityHubWriterArns]) => {
            const resolved = {
                cloudTrailArns,
                readerArns,
                sessionManagerWriterArns,
                securityHubWriterArns,
                organizationId: args.organizationId,
                managementAccountId: args.managementAccountId,
                sourceAccountIds: args.sourceAccountIds,
                sourceOrgPaths: args.sourceOrgPaths,
            };
            const problems = validateArgs({ ...args, ...resolved });
            if (problems.length > 0) {
                throw new AuditLogBucketArgsError(name, problems);
            }
            return resolved;
        });
}

function bucketPolicyInputs(settings: AuditLogBucketSettings, principals: ResolvedPrincipals): BucketPolicyInputs {
    return {
        partition: settings.partition,
        accountId: settings.accountId,
        bucketName: settings.bucketName,
        prefixes: settings.prefixes,
        allowDeletion: settings.allowDeletion,
        configDelivery: settings.configDelivery,
        ...principals,
    };
}
