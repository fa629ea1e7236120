import { buildBucketPolicy } from "../../components/bucketPolicy";
import { accountRootArn } from "../../components/arns";
import { dnsSuffixOf } from "../../components/constants";
import { buildKeyPolicy } from "../../components/keyPolicy";
import { DEFAULT_PREFIXES } from "../../components/prefixes";
import { VAULT_ADMIN_ONLY_ACTIONS, buildVaultBucketPolicy, buildVaultKeyPolicy, replicationSourceKeyStatement, withStatement } from "../../components/vault/policy";
import { replicationRolePolicy } from "../../components/vault/replication";
import { vaultBucketName } from "../../components/vault/settings";
import { RowVerdict, evaluateRow } from "./evaluate";
import type { AccessRow, Expected, MatrixSubject } from "./rows";

/** A source bucket and its vault, as a stack configures them. */
export interface VaultStackInputs {
    label: string;
    partition: string;
    namePrefix: string;
    source: { accountId: string; region: string };
    vault: { accountId: string; region: string; adminArns: string[] };
    /** SSE-KMS: both keys exist, and their policies decide the KMS rows. */
    kms: boolean;
    readerArns: string[];
    writerArns: string[];
    allowDeletion?: boolean;
}

/** Every policy the rows are judged against, built by the builders the components call. */
export interface VaultMatrixSubject {
    inputs: VaultStackInputs;
    sourceBucketName: string;
    vaultBucketName: string;
    replicationRoleArn: string;
    sourceKeyArn?: string;
    vaultKeyArn?: string;
    sourceBucketPolicy: Record<string, unknown>;
    sourceKeyPolicy?: Record<string, unknown>;
    vaultBucketPolicy: Record<string, unknown>;
    vaultKeyPolicy?: Record<string, unknown>;
    /** The replication role's own (identity) policy. */
    replicationRolePolicy: Record<string, unknown>;
}

export function vaultMatrixSubject(inputs: VaultStackInputs): VaultMatrixSubject {
    const { partition, source, vault } = inputs;
    const sourceBucketName = `${inputs.namePrefix}-${source.accountId}-${source.region}`;
    const vaultName = vaultBucketName(inputs.namePrefix, vault.accountId, vault.region);
    const replicationRoleArn = `arn:${partition}:iam::${source.accountId}:role/audit-logs-vault-replication-role-1a2b3c4`;
    const sourceKeyArn = inputs.kms ? `arn:${partition}:kms:${source.region}:${source.accountId}:key/11111111-2222-3333-4444-555555555555` : undefined;
    const vaultKeyArn = inputs.kms ? `arn:${partition}:kms:${vault.region}:${vault.accountId}:key/66666666-7777-8888-9999-000000000000` : undefined;
    const principals = { cloudTrailArns: [], readerArns: inputs.readerArns };
    return {
        inputs,
        sourceBucketName,
        vaultBucketName: vaultName,
        replicationRoleArn,
        sourceKeyArn,
        vaultKeyArn,
        sourceBucketPolicy: asRecord(
            buildBucketPolicy({
                partition,
                accountId: source.accountId,
                bucketName: sourceBucketName,
                prefixes: DEFAULT_PREFIXES,
                ...principals,
                sessionManagerWriterArns: inputs.writerArns,
                securityHubWriterArns: [],
                allowDeletion: inputs.allowDeletion,
            }),
        ),
        sourceKeyPolicy: inputs.kms
            ? asRecord(
                  withStatement(
                      buildKeyPolicy({ partition, accountId: source.accountId, region: source.region, ...principals, writerArns: inputs.writerArns }),
                      replicationSourceKeyStatement({ partition, region: source.region, bucketName: sourceBucketName, replicationRoleArn }),
                  ),
              )
            : undefined,
        vaultBucketPolicy: asRecord(
            buildVaultBucketPolicy({
                partition,
                accountId: vault.accountId,
                region: vault.region,
                bucketName: vaultName,
                replicationRoleArn,
                adminArns: vault.adminArns,
                allowDeletion: inputs.allowDeletion,
            }),
        ),
        vaultKeyPolicy: inputs.kms ? asRecord(buildVaultKeyPolicy({ partition, accountId: vault.accountId, region: vault.region, bucketName: vaultName, replicationRoleArn })) : undefined,
        replicationRolePolicy: asRecord(
            replicationRolePolicy({
                partition,
                sourceRegion: source.region,
                sourceBucketName,
                vaultRegion: vault.region,
                vaultBucketName: vaultName,
                sourceKeyArn,
                vaultKeyArn,
            }),
        ),
    };
}

/** Which resource policy decides: the source bucket's or key's, or the vault's bucket's or key's. */
export type VaultRowTarget = "sourceBucket" | "sourceKey" | "vaultBucket" | "vaultKey";

export interface VaultAccessRow extends Omit<AccessRow, "against"> {
    against: VaultRowTarget;
    /** The group the row belongs to, read as a sentence. */
    step: string;
}

const TLS = { "aws:SecureTransport": "true" };
const OTHER_ACCOUNT = "999999999999";

function allowAll(...services: string[]): Record<string, unknown> {
    return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: services.map((service) => `${service}:*`), Resource: "*" }] };
}

/** The request context AWS sets for an IAM principal: TLS, and aws:PrincipalArn (a role session's is the role). */
function as(principal: string, extra: Record<string, string> = {}): Record<string, string> {
    return principal === "anonymous" ? { ...TLS, ...extra } : { ...TLS, "aws:PrincipalArn": principal, ...extra };
}

/**
 * The rows: the replication role replicates into the vault (and reads and decrypts what it needs on the source); it,
 * the readers, the writers, an administrator of each account who is not a vault admin, an outsider and an anonymous
 * caller cannot delete a version or change the vault's policy, lifecycle, lock, replication or ownership, whatever
 * their own policies allow; the vault's administrators and its account's root keep the policy in hand.
 */
export function vaultAccessRows(subject: VaultMatrixSubject): VaultAccessRow[] {
    const { partition, source, vault } = subject.inputs;
    const sourceBucket = `arn:${partition}:s3:::${subject.sourceBucketName}`;
    const vaultBucket = `arn:${partition}:s3:::${subject.vaultBucketName}`;
    const key = `${DEFAULT_PREFIXES.cloudTrail}AWSLogs/${source.accountId}/CloudTrail/${source.region}/2026/12/04/log.json.gz`;
    const sourceObject = `${sourceBucket}/${key}`;
    const replica = `${vaultBucket}/${key}`;
    const role = subject.replicationRoleArn;
    const rolePolicy = subject.replicationRolePolicy;
    const rows: VaultAccessRow[] = [];
    const row = (step: string, what: string, principal: string, action: string, resource: string, against: VaultRowTarget, expected: Expected, context: Record<string, string>, identityPolicy?: Record<string, unknown>, dependsOnEncryptionContext = false): void => {
        rows.push({ step, what, principal, action, resource, against, expected, context, ...(identityPolicy ? { identityPolicy } : {}), ...(dependsOnEncryptionContext ? { dependsOnEncryptionContext } : {}) });
    };

    const replicates = "the replication role replicates into the vault";
    row(replicates, "the role reads the source's replication configuration", role, "s3:GetReplicationConfiguration", sourceBucket, "sourceBucket", "Allowed", as(role), rolePolicy);
    row(replicates, "the role lists the source", role, "s3:ListBucket", sourceBucket, "sourceBucket", "Allowed", as(role), rolePolicy);
    for (const action of ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold"]) {
        row(replicates, `the role reads a source version (${action})`, role, action, sourceObject, "sourceBucket", "Allowed", as(role), rolePolicy);
    }
    row(replicates, "the role replicates an object into the vault", role, "s3:ReplicateObject", replica, "vaultBucket", "Allowed", as(role), rolePolicy);
    row(replicates, "the role replicates an object's tags into the vault", role, "s3:ReplicateTags", replica, "vaultBucket", "Allowed", as(role), rolePolicy);
    row(replicates, "the role replicates without TLS", role, "s3:ReplicateObject", replica, "vaultBucket", "ExplicitlyDenied", { "aws:SecureTransport": "false", "aws:PrincipalArn": role }, rolePolicy);
    row(replicates, "the role replicates a delete (delete markers are not replicated)", role, "s3:ReplicateDelete", replica, "vaultBucket", "ImplicitlyDenied", as(role), rolePolicy);
    row(replicates, "the role writes into the vault with a plain PutObject", role, "s3:PutObject", replica, "vaultBucket", "ImplicitlyDenied", as(role), rolePolicy);
    if (subject.sourceKeyArn && subject.vaultKeyArn) {
        const dns = dnsSuffixOf(partition);
        const viaSource = { "kms:ViaService": `s3.${source.region}.${dns}`, "kms:EncryptionContext:aws:s3:arn": sourceBucket };
        const viaVault = { "kms:ViaService": `s3.${vault.region}.${dns}`, "kms:EncryptionContext:aws:s3:arn": vaultBucket };
        row(replicates, "the role decrypts a source object through S3 (Bucket Key context)", role, "kms:Decrypt", subject.sourceKeyArn, "sourceKey", "Allowed", as(role, viaSource), rolePolicy, true);
        for (const action of ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"]) {
            row(replicates, `the role uses the vault key through S3 for the vault (${action})`, role, action, subject.vaultKeyArn, "vaultKey", "Allowed", as(role, viaVault), rolePolicy, true);
        }
        row(replicates, "the role uses the vault key for another bucket", role, "kms:Encrypt", subject.vaultKeyArn, "vaultKey", "ImplicitlyDenied", as(role, { ...viaVault, "kms:EncryptionContext:aws:s3:arn": `arn:${partition}:s3:::someone-elses-bucket` }), rolePolicy, true);
        row(replicates, "the role decrypts with the source key directly, not through S3", role, "kms:Decrypt", subject.sourceKeyArn, "sourceKey", "ImplicitlyDenied", as(role, { "kms:EncryptionContext:aws:s3:arn": sourceBucket }), rolePolicy, true);
    }

    // Everyone who is not a vault administrator, each with every S3 permission in its own policy where it has one.
    const sourceAdmin = `arn:${partition}:iam::${source.accountId}:role/AccountAdministrator`;
    const vaultAccountAdmin = `arn:${partition}:iam::${vault.accountId}:role/OrganizationAccountAccessRole`;
    const outsiders: [string, string, Record<string, unknown> | undefined][] = [
        ["the replication role, with s3:* in its own policy", role, allowAll("s3")],
        ...subject.inputs.readerArns.map((arn): [string, string, Record<string, unknown>] => [`a reader (${arn.split(":")[4] === source.accountId ? "same account" : "another account"}), with s3:*`, arn, allowAll("s3")]),
        ...subject.inputs.writerArns.map((arn): [string, string, Record<string, unknown>] => ["a log writer, with s3:*", arn, allowAll("s3")]),
        ["an administrator of the bucket's account, with s3:*", sourceAdmin, allowAll("s3")],
        ...(vault.accountId !== source.accountId ? [["an administrator of the vault account who is not a vault admin, with s3:*", vaultAccountAdmin, allowAll("s3")] as [string, string, Record<string, unknown>]] : []),
        ["an administrator of another account, with s3:*", `arn:${partition}:iam::${OTHER_ACCOUNT}:role/Administrator`, allowAll("s3")],
        ["an anonymous caller", "anonymous", undefined],
    ];
    const tamper = "nobody but the vault's administrators can delete vault versions or change its policy, lifecycle or lock";
    const tampering: [string, string][] = [
        ["s3:DeleteObjectVersion", replica],
        ...VAULT_ADMIN_ONLY_ACTIONS.map((action): [string, string] => [action, action === "s3:BypassGovernanceRetention" ? replica : vaultBucket]),
    ];
    for (const [who, principal, policy] of outsiders) {
        for (const [action, resource] of tampering) {
            row(tamper, `${who}: ${action}`, principal, action, resource, "vaultBucket", "ExplicitlyDenied", as(principal), policy);
        }
    }

    const admins = "the vault account's administrators keep the policy in hand";
    for (const admin of vault.adminArns) {
        for (const action of ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutLifecycleConfiguration", "s3:PutBucketObjectLockConfiguration", "s3:BypassGovernanceRetention"]) {
            row(admins, `a vault admin: ${action}`, admin, action, action === "s3:BypassGovernanceRetention" ? replica : vaultBucket, "vaultBucket", "Allowed", as(admin), allowAll("s3"));
        }
        row(admins, "a vault admin deletes a replica's version", admin, "s3:DeleteObjectVersion", replica, "vaultBucket", subject.inputs.allowDeletion ? "Allowed" : "ExplicitlyDenied", as(admin), allowAll("s3"));
    }
    // The root user has every permission in its own account, which the evaluator does not assume: its own policy says so.
    // What the rows show is that the vault's denies spare it (AWS-S3-210 adds that S3 lets it through even if they did not).
    const root = accountRootArn(partition, vault.accountId);
    row(admins, "the vault account's root user puts the policy back", root, "s3:PutBucketPolicy", vaultBucket, "vaultBucket", "Allowed", as(root), allowAll("s3"));
    row(admins, "the vault account's root user deletes the policy", root, "s3:DeleteBucketPolicy", vaultBucket, "vaultBucket", "Allowed", as(root), allowAll("s3"));
    return rows;
}

/** One row under the real evaluator, through the matrix's own `evaluateRow`, against the policy the row names. */
export async function evaluateVaultRow(subject: VaultMatrixSubject, row: VaultAccessRow): Promise<RowVerdict> {
    const { source, vault } = subject.inputs;
    const onSource = row.against === "sourceBucket" || row.against === "sourceKey";
    const matrix: MatrixSubject = {
        stack: subject.inputs.label,
        // The resource's account: the evaluator compares it with the principal's to tell cross-account requests.
        accountId: onSource ? source.accountId : vault.accountId,
        region: onSource ? source.region : vault.region,
        partition: subject.inputs.partition,
        bucketName: onSource ? subject.sourceBucketName : subject.vaultBucketName,
        allowDeletion: subject.inputs.allowDeletion === true,
        bucketPolicy: onSource ? subject.sourceBucketPolicy : subject.vaultBucketPolicy,
        keyPolicy: onSource ? subject.sourceKeyPolicy : subject.vaultKeyPolicy,
        kmsKeyArn: onSource ? subject.sourceKeyArn : subject.vaultKeyArn,
        cloudTrailArns: [],
        readerArns: subject.inputs.readerArns,
        sessionManagerWriterArns: subject.inputs.writerArns,
        securityHubWriterArns: [],
        readersEncryptQueryResults: false,
    };
    const { step: _step, ...rest } = row;
    return evaluateRow(matrix, { ...rest, against: row.against === "sourceKey" || row.against === "vaultKey" ? "key" : "bucket" });
}

function asRecord(document: object): Record<string, unknown> {
    return JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
}
