import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import { bucketArn } from "../arns";
import { KMS_KEY_DEFAULTS } from "../constants";
import { buildVaultBucketPolicy, buildVaultKeyPolicy } from "./policy";
import { replicationAlarms, replicationMetricDimensions, replicationRolePolicy, replicationTrustPolicy, vaultLifecycleRules, vaultReplicationRules } from "./replication";
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
 * policy must name the replication role, which KMS refuses before the role exists: the constructor makes the role and
 * the vault; `replicateFrom` then wires the source bucket to it.
 */
export class AuditLogVault extends pulumi.ComponentResource {
    /** `<namePrefix>-vault-<vault account>-<vault region>`. */
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;
    /** The vault key's ARN; undefined with SSE-S3. */
    public readonly kmsKeyArn: pulumi.Output<string | undefined>;
    public readonly bucketPolicyJson: pulumi.Output<string>;
    /** The role S3 assumes to replicate, in the bucket's account. */
    public readonly replicationRoleArn: pulumi.Output<string>;

    private readonly resourceName: string;
    private readonly inputs: AuditLogVaultInputs;
    private readonly vaultReady: pulumi.Resource[];
    private readonly key?: kms.Key;
    private readonly role: iam.Role;

    constructor(name: string, inputs: AuditLogVaultInputs, opts?: pulumi.ComponentResourceOptions) {
        super(AUDIT_LOG_VAULT_TYPE, name, {}, opts);
        this.resourceName = name;
        this.inputs = inputs;
        const vault = inputs.vault;
        const keep: pulumi.CustomResourceOptions = inputs.allowDeletion ? {} : { protect: true, retainOnDelete: true };
        // The vault's side: the vault account's provider when given, and the vault region on every resource.
        const there = (extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({ parent: this, ...(vault.provider ? { provider: vault.provider } : {}), ...extra });
        const region = vault.region;

        // The bucket's side: the role lives in the source account, with the bucket's own provider.
        this.role = new iam.Role(
            `${name}-replication-role`,
            { description: `S3 Replication from s3://${inputs.sourceBucketName} into s3://${vault.bucketName}`, assumeRolePolicy: JSON.stringify(replicationTrustPolicy()), tags: inputs.tags },
            { parent: this },
        );

        this.key = inputs.kms
            ? new kms.Key(
                  `${name}-key`,
                  {
                      region,
                      description: `Encrypts the audit-log replicas in s3://${vault.bucketName}`,
                      enableKeyRotation: true,
                      deletionWindowInDays: KMS_KEY_DEFAULTS.deletionWindowInDays,
                      // KMS refuses a policy naming a role that does not exist yet: the role's ARN output orders them.
                      policy: this.role.arn.apply((roleArn) =>
                          JSON.stringify(buildVaultKeyPolicy({ partition: inputs.partition, accountId: vault.accountId, region, bucketName: vault.bucketName, replicationRoleArn: roleArn })),
                      ),
                      tags: inputs.tags,
                  },
                  there(keep),
              )
            : undefined;
        if (this.key) {
            new kms.Alias(`${name}-key-alias`, { region, name: `alias/${vault.bucketName}`, targetKeyId: this.key.keyId }, there());
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
                    this.key
                        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true, blockedEncryptionTypes: ["SSE-C"] }
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
        this.bucketPolicyJson = this.role.arn.apply((roleArn) =>
            JSON.stringify(
                buildVaultBucketPolicy({
                    partition: inputs.partition,
                    accountId: vault.accountId,
                    region,
                    bucketName: vault.bucketName,
                    replicationRoleArn: roleArn,
                    adminArns: vault.adminArns,
                    allowDeletion: inputs.allowDeletion,
                }),
            ),
        );
        // Last: once it is in place only the admins may change the settings above.
        const policy = new s3.BucketPolicy(
            `${name}-policy`,
            { region, bucket: bucketId, policy: this.bucketPolicyJson },
            there({ dependsOn: [ownership, publicAccessBlock, versioning, encryption, objectLock, lifecycle] }),
        );
        this.vaultReady = [versioning, encryption, objectLock, policy];

        this.bucketName = bucketId;
        this.bucketArn = pulumi.output(bucketArn(inputs.partition, vault.bucketName));
        this.kmsKeyArn = this.key ? this.key.arn : pulumi.output(undefined);
        this.replicationRoleArn = this.role.arn;
    }

    /**
     * Replicates the audit-log bucket into the vault: the role's permissions (once both keys exist), the replication
     * configuration on the source, and the optional alarms. Call once, after the source bucket's versioning exists.
     */
    public replicateFrom(source: ReplicationSource): void {
        const { inputs } = this;
        const vault = inputs.vault;
        const name = this.resourceName;
        const rolePolicy = new iam.RolePolicy(
            `${name}-replication-policy`,
            {
                role: this.role.id,
                policy: pulumi.all([source.kmsKeyArn, this.key?.arn]).apply(([sourceKeyArn, vaultKeyArn]) =>
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
        const rules = pulumi.output(this.key?.arn).apply((vaultKeyArn) =>
            vaultReplicationRules({
                partition: inputs.partition,
                vaultBucketName: vault.bucketName,
                storageClass: vault.storageClass,
                replicationTimeControl: vault.replicationTimeControl,
                vaultKeyArn,
            }),
        );
        new s3.BucketReplicationConfig(
            `${name}-replication`,
            { bucket: source.bucket, role: this.role.arn, rules },
            // S3 refuses a configuration before both buckets are versioned; replicas must find the vault's policy and key.
            { parent: this, dependsOn: [...source.after, ...this.vaultReady, rolePolicy] },
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
