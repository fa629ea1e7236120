import { compliantKey } from "./state";
import type { FakeAccount, FakeBucket, FakeObject } from "./state";

export const PROD_VAULT_ACCOUNT = "555555555555";
export const PROD_VAULT_REGION = "us-west-2";
export const PROD_VAULT_BUCKET = `network-compliance-logs-vault-${PROD_VAULT_ACCOUNT}-${PROD_VAULT_REGION}`;
export const PROD_VAULT_KEY_ID = "e32208a4-07bf-4ced-a3be-a55eb9238c2c";
/** The vault account's read-only role the tests read it through (--vault-role-name). */
export const VAULT_ROLE_NAME = "AuditVaultVerifier";

export interface VaultLayout {
    account: string;
    region: string;
    bucket: string;
    keyId: string;
    /** The vault's bucket policy and key policy, as the program generates them. */
    bucketPolicy: string;
    keyPolicy: string;
    /** The stack's vaultObjectLockMode and vaultObjectLockDays. */
    lock: { mode: string; days: number };
    /** The bucket's retentionDays: the vault's lifecycle expires replicas after it. */
    retentionDays: number;
}

/**
 * The vault account as the component deploys it (components/vault/auditLogVault.ts): an Object Lock bucket in another
 * region, each configuration as S3 answers it (GetObjectLockConfiguration's ObjectLockEnabled and
 * Rule.DefaultRetention, AWS-S3-704), and its own key behind `alias/<vault bucket>`. Replicas are added by `replicate`.
 */
export function compliantVaultAccount(layout: VaultLayout): FakeAccount {
    const keyArn = `arn:aws:kms:${layout.region}:${layout.account}:key/${layout.keyId}`;
    const key = compliantKey({ account: layout.account, keyId: layout.keyId, arn: keyArn, description: `Encrypts the audit-log replicas in s3://${layout.bucket}`, policy: layout.keyPolicy });
    const bucket: FakeBucket = {
        region: layout.region,
        ownershipControls: { Rule: { ObjectOwnership: "BucketOwnerEnforced" } },
        publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
        versioning: { Status: "Enabled" },
        encryption: { Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn }, BucketKeyEnabled: true } },
        policy: layout.bucketPolicy,
        lifecycle: {
            Rule: [
                { ID: "expire-vault-replicas", Filter: { ObjectSizeGreaterThan: 0 }, Status: "Enabled", Expiration: { Days: layout.retentionDays }, NoncurrentVersionExpiration: { NoncurrentDays: layout.retentionDays } },
                { ID: "abort-uploads-and-clean-delete-markers", Filter: { Prefix: "" }, Status: "Enabled", Expiration: { ExpiredObjectDeleteMarker: true }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
            ],
        },
        objectLock: { ObjectLockEnabled: "Enabled", Rule: { DefaultRetention: { Mode: layout.lock.mode, Days: layout.lock.days } } },
        logging: {},
        tags: { "managed-by": "audit-log-bucket", purpose: "audit-log-vault" },
        notification: {},
        objects: [],
    };
    return {
        accountId: layout.account,
        callerArn: `arn:aws:iam::${layout.account}:role/${VAULT_ROLE_NAME}`,
        buckets: { [layout.bucket]: bucket },
        accountPublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
        keys: [key],
        aliases: { [`alias/${layout.bucket}`]: layout.keyId },
        denied: new Set(),
    };
}

/**
 * S3 Replication done: every source object is COMPLETED and its replica, with the same key, bytes and metadata, is in
 * the vault as REPLICA (AWS-S3-700). Marker objects are replicated like any other.
 */
export function replicate(source: FakeBucket, vault: FakeBucket): void {
    const copies: FakeObject[] = [];
    for (const object of source.objects) {
        object.replicationStatus = "COMPLETED";
        copies.push({ ...object, replicationStatus: "REPLICA" });
    }
    vault.objects = copies;
}

/** The caller's account lets it assume the vault account's role, whose sessions read `vault` (sts.ts). */
export function admitVaultRole(caller: FakeAccount, vault: FakeAccount, roleName: string = VAULT_ROLE_NAME): void {
    caller.roles = { ...(caller.roles ?? {}), [`arn:aws:iam::${vault.accountId}:role/${roleName}`]: vault };
}
