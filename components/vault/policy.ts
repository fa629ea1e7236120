import { accountRootArn, bucketArn } from "../arns";
import { dnsSuffixOf } from "../constants";
import { PolicyDocument, PolicyStatement, policyDocument, tlsOnlyStatements } from "../policyDocument";

/** What the vault's bucket and key policies depend on, resolved to plain values. */
export interface VaultPolicyInputs {
    partition: string;
    /** The vault's account and region. */
    accountId: string;
    region: string;
    bucketName: string;
    /** The role S3 assumes to replicate into the vault. */
    replicationRoleArn: string;
    /** The only principals (besides the vault account's root user) that may change the vault's settings. */
    adminArns: string[];
    /** A throwaway stack (GOVERNANCE only): the admins may then delete versions, so a destroy can empty the vault. */
    allowDeletion?: boolean;
}

export const VAULT_POLICY_SIDS = {
    replicate: "AllowReplicationIntoVault",
    replicationBucketChecks: "AllowReplicationBucketChecks",
    denyVersionDeletion: "DenyVaultVersionDeletion",
    denyChanges: "DenyVaultChangesExceptAdministrators",
} as const;

/**
 * What only the vault's administrators may do: change what keeps replicas (policy, lifecycle, Object Lock, versioning),
 * where they come from and go (replication), who owns and reads them (ownership, public access block, encryption), or
 * lift a GOVERNANCE lock.
 */
export const VAULT_ADMIN_ONLY_ACTIONS = [
    "s3:PutBucketPolicy",
    "s3:DeleteBucketPolicy",
    "s3:PutLifecycleConfiguration",
    "s3:PutBucketObjectLockConfiguration",
    "s3:PutReplicationConfiguration",
    "s3:PutBucketOwnershipControls",
    "s3:PutBucketVersioning",
    "s3:PutEncryptionConfiguration",
    "s3:PutBucketPublicAccessBlock",
    "s3:BypassGovernanceRetention",
] as const;

/**
 * The calls S3 makes as the replication role into the vault: `s3:ReplicateObject` and `s3:ReplicateTags` on objects;
 * on the bucket, the checks AWS's cross-account destination policy grants, without `s3:PutBucketVersioning` (a
 * replica never needs it, and the vault denies it to all but its admins). No `s3:ReplicateDelete`: delete markers are
 * not replicated.
 */
export const REPLICATION_DESTINATION_ACTIONS = {
    // AWS-S3-201: ReplicateObject (and ReplicateTags) on the destination's objects.
    objects: ["s3:ReplicateObject", "s3:ReplicateTags"],
    // AWS-S3-203: a destination in another account grants the role its bucket-level checks.
    bucket: ["s3:GetBucketVersioning", "s3:ListBucket"],
} as const;

/**
 * The vault's bucket policy: TLS only; the replication role may replicate in; nobody may delete a version (with
 * `allowDeletion`, nobody but the admins); and nobody but the admins and the vault account's root user may change the
 * vault's settings, the replication role included. Reads are left to the vault account's own IAM policies.
 */
export function buildVaultBucketPolicy(inputs: VaultPolicyInputs): PolicyDocument {
    const bucket = bucketArn(inputs.partition, inputs.bucketName);
    const sids = VAULT_POLICY_SIDS;
    const role = { AWS: inputs.replicationRoleArn };
    // AWS-IAM-200: aws:PrincipalArn with an ARN operator, never NotPrincipal; the root user's ARN is the account's
    // `:root`, so the owner can always put a policy back (AWS-S3-210) even if every admin role is gone.
    const exceptAdministrators = { ArnNotLike: { "aws:PrincipalArn": [...inputs.adminArns, accountRootArn(inputs.partition, inputs.accountId)] } };
    const statements: PolicyStatement[] = [
        ...tlsOnlyStatements(bucket),
        { Sid: sids.replicate, Effect: "Allow", Principal: role, Action: [...REPLICATION_DESTINATION_ACTIONS.objects], Resource: `${bucket}/*` },
        { Sid: sids.replicationBucketChecks, Effect: "Allow", Principal: role, Action: [...REPLICATION_DESTINATION_ACTIONS.bucket], Resource: bucket },
        {
            Sid: sids.denyVersionDeletion,
            Effect: "Deny",
            Principal: "*",
            Action: "s3:DeleteObjectVersion",
            Resource: `${bucket}/*`,
            ...(inputs.allowDeletion ? { Condition: exceptAdministrators } : {}),
        },
        { Sid: sids.denyChanges, Effect: "Deny", Principal: "*", Action: [...VAULT_ADMIN_ONLY_ACTIONS], Resource: [bucket, `${bucket}/*`], Condition: exceptAdministrators },
    ];
    return policyDocument(statements);
}

export const VAULT_KEY_POLICY_SIDS = {
    accountAdministration: "EnableAccountAdministration",
    replicationEncrypt: "AllowReplicationRoleEncryptReplicas",
    replicationDecryptSource: "AllowReplicationRoleDecryptSources",
} as const;

/** `kms:ViaService` for S3 in `region` (endpoint names follow the partition). */
function viaS3(partition: string, region: string): string {
    return `s3.${region}.${dnsSuffixOf(partition)}`;
}

/** The encryption context S3 sends: the bucket ARN with Bucket Key on, the object ARN without. */
function s3EncryptionContext(bucket: string): string[] {
    return [bucket, `${bucket}/*`];
}

/**
 * The vault key's policy: the vault account administers it through IAM; the replication role may encrypt replicas,
 * through S3 in the vault's region and for the vault only.
 */
export function buildVaultKeyPolicy(inputs: Pick<VaultPolicyInputs, "partition" | "accountId" | "region" | "bucketName" | "replicationRoleArn">): PolicyDocument {
    const bucket = bucketArn(inputs.partition, inputs.bucketName);
    return policyDocument([
        { Sid: VAULT_KEY_POLICY_SIDS.accountAdministration, Effect: "Allow", Principal: { AWS: accountRootArn(inputs.partition, inputs.accountId) }, Action: "kms:*", Resource: "*" },
        {
            Sid: VAULT_KEY_POLICY_SIDS.replicationEncrypt,
            Effect: "Allow",
            Principal: { AWS: inputs.replicationRoleArn },
            // AWS-KMS-200: Encrypt (and GenerateDataKey) with the destination key; AWS-KMS-201: Decrypt too, with Bucket Key.
            Action: [...REPLICA_KEY_ACTIONS],
            Resource: "*",
            Condition: {
                StringEquals: { "kms:ViaService": viaS3(inputs.partition, inputs.region) },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": s3EncryptionContext(bucket) },
            },
        },
    ]);
}

/** What the replication role does with the vault's key: Bucket Key is always on, so Decrypt as well (AWS-KMS-201). */
export const REPLICA_KEY_ACTIONS = ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"] as const;

/**
 * The statement the audit-log bucket's own key policy gets when it replicates: the replication role may decrypt the
 * source objects, through S3 in the bucket's region and for that bucket only (AWS-KMS-200).
 */
export function replicationSourceKeyStatement(inputs: { partition: string; region: string; bucketName: string; replicationRoleArn: string }): PolicyStatement {
    return {
        Sid: VAULT_KEY_POLICY_SIDS.replicationDecryptSource,
        Effect: "Allow",
        Principal: { AWS: inputs.replicationRoleArn },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: {
            StringEquals: { "kms:ViaService": viaS3(inputs.partition, inputs.region) },
            StringLike: { "kms:EncryptionContext:aws:s3:arn": s3EncryptionContext(bucketArn(inputs.partition, inputs.bucketName)) },
        },
    };
}

/** `document` with `statement` appended. */
export function withStatement(document: PolicyDocument, statement: PolicyStatement | undefined): PolicyDocument {
    return statement ? policyDocument([...document.Statement, statement]) : document;
}
