import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import { bucketArn } from "../arns";
import { KMS_KEY_DEFAULTS } from "../constants";
import { buildVaultBucketPolicy, buildVaultKeyPolicy } from "./policy";
import { Provider } from "@pulumi/aws/provider";
import { replicationAlarms, replicationMetricDimensions, replicationRoleName, replicationRolePolicy, replicationTrustPolicy, vaultLifecycleRules, vaultReplicationRules } from "./replication";
import type { VaultSettings } from "./settings";

/** The Pulumi type token of the vault, a child of the audit-log bucket. */
export const AUDIT_LOG_VAULT_TYPE = "audit-logs:index:AuditLogVault";

/** The `purpose` tag of the vault's resources: a replica of audit logs, which no service delivers to directly. */
export const VAULT_PURPOSE = "audit-log-vault";

/** What the audit-log bucket hands its vault: plain resolved values, and the source side once it exists. */
export interface AuditLogVaultInputs {
    /** The source: the audit-log bucket's partition, account, region and name. */
    partition: string;
    sourceAccountId: string;
    sourceRegion: string;
    sourceBucketName: string;
    /** SSE-KMS on the source: the vault gets a customer managed key of its own; else SSE-S3. */
    kms: boolean;
    retentionDays: number;
    vault: VaultSettings;
    tags: Record<string, string>;
    allowDeletion: boolean;
}

/** The source side, which exists only after the vault's replication role does (the source key's policy names it). */
export interface ReplicationSource {
    bucket: pulumi.Input<string>;
    kmsKeyArn?: pulumi.Input<string>;
    /** The source's versioning (and anything else replication must follow). */
    after: pulumi.Resource[];
}

/**
 * The WORM vault: an Object Lock bucket in another region (and maybe account) with its own key, and the replication
 * role and configuration that fill it from the audit-log bucket. Built in two steps because the audit-log bucket's key
 * policy must name the replication role, which KMS refuses before the role exists: the constructor makes the role (and
 * the vault account's provider); `replicateFrom`, called once the audit-log bucket exists, makes the vault and wires
 * the bucket to it.
 */
/** Stands for the vault key's ARN while the rules are built; replaced by the key's output. */
const VAULT_KEY_PLACEHOLDER = "(the vault key's ARN)";

export class AuditLogVault extends pulumi.ComponentResource {
    /** `<namePrefix>-vault-<vault account>-<vault region>`. */
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;
    /** The vault key's ARN; undefined with SSE-S3. Set by `replicateFrom`, which creates the key. */
    public kmsKeyArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
    public readonly bucketPolicyJson: pulumi.Output<string>;
    /** The role S3 assumes to replicate, in the bucket's account. */
    public readonly replicationRoleArn: pulumi.Output<string>;
    /** That role's ARN, known before the role exists (its name is fixed), for the policies that name it. */
    public readonly replicationRoleArnPlain: string;
    /** The role itself: a key policy naming it must wait for it (KMS refuses unknown principals). */
    public readonly replicationRole: iam.Role;

    private readonly resourceName: string;
    private readonly inputs: AuditLogVaultInputs;
    private readonly provider?: pulumi.ProviderResource;
    private readonly keep: pulumi.CustomResourceOptions;

    constructor(name: string, inputs: AuditLogVaultInputs, opts?: pulumi.ComponentResourceOptions) {
        super(AUDIT_LOG_VAULT_TYPE, name, {}, opts);
        this.resourceName = name;
        this.inputs = inputs;
        const vault = inputs.vault;
        const keep: pulumi.CustomResourceOptions = inputs.allowDeletion ? {} : { protect: true, retainOnDelete: true };
        // The vault's side: the vault account's provider (given, or built from vault.roleArn), and the vault region on
        // every resource.
        const provider =
            vault.provider ??
            (vault.roleArn !== undefined
                ? new Provider(`${name}-provider`, { region: vault.region, assumeRoles: [{ roleArn: vault.roleArn, sessionName: "audit-log-vault" }], allowedAccountIds: [vault.accountId] }, { parent: this })
                : undefined);

        // The bucket's side: the role lives in the source account, with the bucket's own provider.
        const roleName = replicationRoleName(inputs.sourceBucketName);
        this.replicationRoleArnPlain = `arn:${inputs.partition}:iam::${inputs.sourceAccountId}:role/${roleName}`;
        this.replicationRole = new iam.Role(
            `${name}-replication-role`,
            { name: roleName, description: `S3 Replication from s3://${inputs.sourceBucketName} into s3://${vault.bucketName}`, assumeRolePolicy: JSON.stringify(replicationTrustPolicy()), tags: inputs.tags },
            { parent: this },
        );
        this.provider = provider;
        this.keep = keep;
        this.bucketName = pulumi.output(vault.bucketName);
        this.bucketArn = pulumi.output(bucketArn(inputs.partition, vault.bucketName));
        this.bucketPolicyJson = pulumi.output(JSON.stringify(this.vaultBucketPolicy()));
        this.replicationRoleArn = this.replicationRole.arn;
    }

    private vaultBucketPolicy(): ReturnType<typeof buildVaultBucketPolicy> {
        const { inputs } = this;
        return buildVaultBucketPolicy({
            partition: inputs.partition,
            accountId: inputs.vault.accountId,
            region: inputs.vault.region,
            bucketName: inputs.vault.bucketName,
            replicationRoleArn: this.replicationRoleArnPlain,
            adminArns: inputs.vault.adminArns,
            allowDeletion: inputs.allowDeletion,
        });
    }

    /**
     * The vault's own side: its key, bucket, settings and policy. Registered after the audit-log bucket's resources,
     * so a reader of the plan that takes the first bucket, policy or key of a type finds the audit-log bucket's.
     */
    private createVaultSide(): { key?: kms.Key; ready: pulumi.Resource[] } {
        const { inputs, keep } = this;
        const vault = inputs.vault;
        const name = this.resourceName;
        const region = vault.region;
        const roleArn = this.replicationRoleArnPlain;
        const there = (extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({ parent: this, ...(this.provider ? { provider: this.provider } : {}), ...extra });
        const key = inputs.kms
            ? new kms.Key(
                  `${name}-key`,
                  {
                      region,
                      description: `Encrypts the audit-log replicas in s3://${vault.bucketName}`,
                      enableKeyRotation: true,
                      deletionWindowInDays: KMS_KEY_DEFAULTS.deletionWindowInDays,
                      policy: JSON.stringify(buildVaultKeyPolicy({ partition: inputs.partition, accountId: vault.accountId, region, bucketName: vault.bucketName, replicationRoleArn: roleArn })),
                      tags: inputs.tags,
                  },
                  // KMS refuses a policy naming a role that does not exist yet.
                  there({ ...keep, dependsOn: [this.replicationRole] }),
              )
            : undefined;
        if (key) {
            new kms.Alias(`${name}-key-alias`, { region, name: `alias/${vault.bucketName}`, targetKeyId: key.keyId }, there());
        }

        const bucket = new s3.Bucket(
            `${name}-bucket`,
            // AWS-S3-211: Object Lock only from creation.
            { region, bucket: vault.bucketName, objectLockEnabled: true, forceDestroy: inputs.allowDeletion, tags: inputs.tags },
            there(keep),
        );
        const bucketId = bucket.bucket;
        const ownership = new s3.BucketOwnershipControls(`${name}-ownership`, { region, bucket: bucketId, rule: { objectOwnership: "BucketOwnerEnforced" } }, there());
        const publicAccessBlock = new s3.BucketPublicAccessBlock(
            `${name}-public-access-block`,
            { region, bucket: bucketId, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            there(),
        );
        const versioning = new s3.BucketVersioning(`${name}-versioning`, { region, bucket: bucketId, versioningConfiguration: { status: "Enabled" } }, there());
        const encryption = new s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                region,
                bucket: bucketId,
                rules: [
                    key
                        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true, blockedEncryptionTypes: ["SSE-C"] }
                        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] },
                ],
            },
            there(),
        );
        const objectLock = new s3.BucketObjectLockConfiguration(
            `${name}-object-lock`,
            { region, bucket: bucketId, objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: vault.objectLockMode, days: vault.objectLockDays } } },
            there({ dependsOn: [versioning] }),
        );
        const lifecycle = new s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            { region, bucket: bucketId, rules: vaultLifecycleRules(inputs.retentionDays) },
            there({ dependsOn: [versioning] }),
        );
        // Last: once it is in place only the admins may change the settings above.
        const policy = new s3.BucketPolicy(
            `${name}-policy`,
            { region, bucket: bucketId, policy: this.bucketPolicyJson },
            // S3 refuses a policy naming a principal that does not exist, like KMS.
            there({ dependsOn: [ownership, publicAccessBlock, versioning, encryption, objectLock, lifecycle, this.replicationRole] }),
        );
        return { key, ready: [versioning, encryption, objectLock, policy] };
    }

    /**
     * Replicates the audit-log bucket into the vault: the role's permissions (once both keys exist), the replication
     * configuration on the source, and the optional alarms. Call once, after the source bucket's versioning exists.
     */
    public replicateFrom(source: ReplicationSource): void {
        const { inputs } = this;
        const vault = inputs.vault;
        const name = this.resourceName;
        const { key, ready } = this.createVaultSide();
        this.kmsKeyArn = key ? key.arn : pulumi.output(undefined);
        const rolePolicy = new iam.RolePolicy(
            `${name}-replication-policy`,
            {
                role: this.replicationRole.id,
                policy: pulumi.all([source.kmsKeyArn, key?.arn]).apply(([sourceKeyArn, vaultKeyArn]) =>
                    JSON.stringify(
                        replicationRolePolicy({
                            partition: inputs.partition,
                            sourceRegion: inputs.sourceRegion,
                            sourceBucketName: inputs.sourceBucketName,
                            vaultRegion: vault.region,
                            vaultBucketName: vault.bucketName,
                            sourceKeyArn,
                            vaultKeyArn,
                        }),
                    ),
                ),
            },
            { parent: this },
        );
        // The rules are known in a preview but for the vault key's ARN: only that field waits for the key, so the
        // engine, the pack and the plan see every other setting of the replication before up.
        const rules = vaultReplicationRules({
            partition: inputs.partition,
            vaultBucketName: vault.bucketName,
            storageClass: vault.storageClass,
            replicationTimeControl: vault.replicationTimeControl,
            vaultKeyArn: key === undefined ? undefined : VAULT_KEY_PLACEHOLDER,
        }).map((rule) =>
            key !== undefined && rule.destination.encryptionConfiguration !== undefined
                ? { ...rule, destination: { ...rule.destination, encryptionConfiguration: { replicaKmsKeyId: key.arn } } }
                : rule,
        );
        new s3.BucketReplicationConfig(
            `${name}-replication`,
            { bucket: source.bucket, role: this.replicationRole.arn, rules },
            // S3 refuses a configuration before both buckets are versioned; replicas must find the vault's policy and key.
            { parent: this, dependsOn: [...source.after, ...ready, rolePolicy] },
        );
        if (vault.alarmTopicArn !== undefined) {
            for (const alarm of replicationAlarms()) {
                new cloudwatch.MetricAlarm(
                    `${name}-${alarm.role}`,
                    {
                        alarmDescription: `${alarm.description} (s3://${inputs.sourceBucketName} -> s3://${vault.bucketName})`,
                        namespace: "AWS/S3",
                        metricName: alarm.metricName,
                        dimensions: replicationMetricDimensions(inputs.sourceBucketName, vault.bucketName),
                        statistic: alarm.statistic,
                        period: 300,
                        evaluationPeriods: 1,
                        threshold: alarm.threshold,
                        comparisonOperator: "GreaterThanThreshold",
                        treatMissingData: "ignore",
                        alarmActions: [vault.alarmTopicArn],
                        okActions: [vault.alarmTopicArn],
                        tags: inputs.tags,
                    },
                    { parent: this },
                );
            }
        }
        this.registerOutputs({
            bucketName: this.bucketName,
            bucketArn: this.bucketArn,
            kmsKeyArn: this.kmsKeyArn,
            bucketPolicyJson: this.bucketPolicyJson,
            replicationRoleArn: this.replicationRoleArn,
        });
    }
}
