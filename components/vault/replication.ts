import { createHash } from "crypto";
import { bucketArn } from "../arns";
import { LIFECYCLE_DEFAULTS, dnsSuffixOf } from "../constants";
import type { LifecycleRule } from "../lifecycle";
import type { IdentityPolicyDocument, IdentityStatement } from "../athenaReaderPolicy";
import { PolicyDocument, policyDocument } from "../policyDocument";
import { REPLICATION_DESTINATION_ACTIONS, REPLICA_KEY_ACTIONS } from "./policy";
import type { VaultStorageClass } from "./settings";

/** The service S3 Replication runs as (S3 User Guide, "Setting up permissions for live replication"). */
export const REPLICATION_SERVICE_PRINCIPAL = "s3.amazonaws.com";

/** IAM's limit on a role name (IAM User Guide, "IAM and AWS STS quotas": 64 characters). */
const ROLE_NAME_MAX = 64;

/**
 * The replication role's name, `<source bucket>-replication` (a digest of the bucket name stands in for its end when
 * that is too long): fixed, so its ARN is known before the role exists and the key and bucket policies that name it
 * can be shown in a preview.
 */
export function replicationRoleName(sourceBucketName: string): string {
    const name = `${sourceBucketName}-replication`;
    if (name.length <= ROLE_NAME_MAX) {
        return name;
    }
    const digest = createHash("sha256").update(sourceBucketName).digest("hex").slice(0, 8);
    return `${sourceBucketName.slice(0, ROLE_NAME_MAX - "-replication".length - digest.length - 1)}-${digest}-replication`;
}

/** The one replication rule's id: every prefix, into the vault. */
export const VAULT_REPLICATION_RULE_ID = "audit-logs-to-vault";

/** Replication Time Control's one threshold, in minutes (S3 API reference, ReplicationTimeValue: 15 only). */
export const REPLICATION_TIME_MINUTES = 15;

// AWS-S3-201: S3 assumes the role as s3.amazonaws.com.
export function replicationTrustPolicy(): PolicyDocument {
    return policyDocument([{ Sid: "AllowS3ToAssumeForReplication", Effect: "Allow", Principal: { Service: REPLICATION_SERVICE_PRINCIPAL }, Action: "sts:AssumeRole" }]);
}

export interface ReplicationRoleInputs {
    partition: string;
    sourceRegion: string;
    sourceBucketName: string;
    vaultRegion: string;
    vaultBucketName: string;
    /** Both keys, with SSE-KMS; neither with SSE-S3. */
    sourceKeyArn?: string;
    vaultKeyArn?: string;
}

/** What the role reads on the source: AWS-S3-201 (live replication) and AWS-S3-202 (Object Lock into the vault). */
export const REPLICATION_SOURCE_ACTIONS = {
    bucket: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
    objects: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold"],
} as const;

/**
 * The replication role's permissions, and no more: read the source's replication configuration, list it and read each
 * version with its ACL, tags and Object Lock state; replicate objects and tags into the vault (no `ReplicateDelete`:
 * delete markers are not replicated); with SSE-KMS, decrypt with the source key and encrypt with the vault key, each
 * through S3 in its region and for its bucket only.
 */
export function replicationRolePolicy(inputs: ReplicationRoleInputs): IdentityPolicyDocument {
    const source = bucketArn(inputs.partition, inputs.sourceBucketName);
    const vault = bucketArn(inputs.partition, inputs.vaultBucketName);
    const statements: IdentityStatement[] = [
        { Sid: "ReadSourceReplicationConfiguration", Effect: "Allow", Action: [...REPLICATION_SOURCE_ACTIONS.bucket], Resource: source },
        { Sid: "ReadSourceVersions", Effect: "Allow", Action: [...REPLICATION_SOURCE_ACTIONS.objects], Resource: `${source}/*` },
        { Sid: "ReplicateIntoVault", Effect: "Allow", Action: [...REPLICATION_DESTINATION_ACTIONS.objects], Resource: `${vault}/*` },
    ];
    if (inputs.sourceKeyArn !== undefined && inputs.vaultKeyArn !== undefined) {
        // AWS-KMS-200: Decrypt with the source key, Encrypt with the destination key, scoped by kms:ViaService and the
        // S3 encryption context; AWS-KMS-201: with Bucket Key the context is the bucket ARN, so both forms match.
        statements.push(
            {
                Sid: "DecryptSourceObjects",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: inputs.sourceKeyArn,
                Condition: {
                    StringEquals: { "kms:ViaService": `s3.${inputs.sourceRegion}.${dnsSuffixOf(inputs.partition)}` },
                    StringLike: { "kms:EncryptionContext:aws:s3:arn": [source, `${source}/*`] },
                },
            },
            {
                Sid: "EncryptReplicas",
                Effect: "Allow",
                Action: [...REPLICA_KEY_ACTIONS],
                Resource: inputs.vaultKeyArn,
                Condition: {
                    StringEquals: { "kms:ViaService": `s3.${inputs.vaultRegion}.${dnsSuffixOf(inputs.partition)}` },
                    StringLike: { "kms:EncryptionContext:aws:s3:arn": [vault, `${vault}/*`] },
                },
            },
        );
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** The one rule, in the shape of `aws.s3.BucketReplicationConfig`'s `rules` input. */
export interface VaultReplicationRule {
    id: string;
    priority: number;
    status: "Enabled";
    filter: { prefix: string };
    deleteMarkerReplication: { status: "Disabled" };
    sourceSelectionCriteria?: { sseKmsEncryptedObjects: { status: "Enabled" } };
    destination: {
        bucket: string;
        storageClass: VaultStorageClass;
        encryptionConfiguration?: { replicaKmsKeyId: string };
        replicationTime?: { status: "Enabled"; time: { minutes: number } };
        metrics: { status: "Enabled"; eventThreshold?: { minutes: number } };
    };
}

export interface ReplicationRuleInputs {
    partition: string;
    vaultBucketName: string;
    storageClass: VaultStorageClass;
    replicationTimeControl: boolean;
    /** With SSE-KMS: the vault key replicas are encrypted with. */
    vaultKeyArn?: string;
}

/**
 * One rule for every prefix (an empty prefix filter, the V2 schema): delete markers are not replicated, so a delete in
 * the source never reaches the vault (AWS-S3-206); SSE-KMS objects are selected and re-encrypted with the vault's key
 * (AWS-S3-205); Replication Time Control and its metrics are on unless opted out, and the metrics stay on without it
 * (AWS-S3-207). Replicas are owned by the vault account through its BucketOwnerEnforced setting, so no owner override
 * is needed (AWS-S3-204).
 */
export function vaultReplicationRules(inputs: ReplicationRuleInputs): VaultReplicationRule[] {
    const kms = inputs.vaultKeyArn !== undefined;
    return [
        {
            id: VAULT_REPLICATION_RULE_ID,
            priority: 1,
            status: "Enabled",
            filter: { prefix: "" },
            deleteMarkerReplication: { status: "Disabled" },
            ...(kms ? { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" as const } } } : {}),
            destination: {
                bucket: bucketArn(inputs.partition, inputs.vaultBucketName),
                storageClass: inputs.storageClass,
                ...(kms ? { encryptionConfiguration: { replicaKmsKeyId: inputs.vaultKeyArn as string } } : {}),
                ...(inputs.replicationTimeControl ? { replicationTime: { status: "Enabled" as const, time: { minutes: REPLICATION_TIME_MINUTES } } } : {}),
                metrics: { status: "Enabled", ...(inputs.replicationTimeControl ? { eventThreshold: { minutes: REPLICATION_TIME_MINUTES } } : {}) },
            },
        },
    ];
}

export const VAULT_LIFECYCLE_RULE_IDS = { expire: "expire-vault-replicas", housekeeping: "abort-uploads-and-clean-delete-markers" } as const;

/**
 * The vault's lifecycle keeps every replica at least `retentionDays`: a current replica expires after it, and a
 * replica that became noncurrent (overwritten in the source) is kept another `retentionDays` (Object Lock keeps it
 * longer if its retention says so). No transitions: replicas land in their storage class.
 */
export function vaultLifecycleRules(retentionDays: number): LifecycleRule[] {
    return [
        {
            id: VAULT_LIFECYCLE_RULE_IDS.expire,
            status: "Enabled",
            filter: { objectSizeGreaterThan: 0 },
            expiration: { days: retentionDays },
            noncurrentVersionExpiration: { noncurrentDays: retentionDays },
        },
        {
            id: VAULT_LIFECYCLE_RULE_IDS.housekeeping,
            status: "Enabled",
            filter: { prefix: "" },
            expiration: { expiredObjectDeleteMarker: true },
            abortIncompleteMultipartUpload: { daysAfterInitiation: LIFECYCLE_DEFAULTS.abortIncompleteMultipartUploadDays },
        },
    ];
}

/** The CloudWatch alarms on the replication metrics (namespace AWS/S3, published in the source region). */
export interface ReplicationAlarmSpec {
    role: string;
    metricName: "OperationsFailedReplication" | "ReplicationLatency";
    statistic: "Sum" | "Maximum";
    threshold: number;
    description: string;
}

// AWS-S3-208: the metric names; missing data keeps the alarm's state, as the S3 guide asks.
export function replicationAlarms(): ReplicationAlarmSpec[] {
    return [
        { role: "replication-failed", metricName: "OperationsFailedReplication", statistic: "Sum", threshold: 0, description: "Objects failed to replicate into the vault" },
        {
            role: "replication-latency",
            metricName: "ReplicationLatency",
            statistic: "Maximum",
            threshold: REPLICATION_TIME_MINUTES * 60,
            description: `The vault is more than ${REPLICATION_TIME_MINUTES} minutes behind the audit-log bucket`,
        },
    ];
}

/** The dimensions of a rule's replication metrics. */
export function replicationMetricDimensions(sourceBucketName: string, vaultBucketName: string): Record<string, string> {
    return { SourceBucket: sourceBucketName, DestinationBucket: vaultBucketName, RuleId: VAULT_REPLICATION_RULE_ID };
}
