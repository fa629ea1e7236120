import { compliantKey, sevenYearLifecycle } from "./state";
import type { FakeAccount, FakeBucket, FakeObject, XmlDocument } from "./state";

export const PROD_ACCOUNT = "222222222222";
export const PROD_REGION = "us-east-1";
export const PROD_BUCKET = `network-compliance-logs-${PROD_ACCOUNT}-${PROD_REGION}`;
export const PROD_ORG = "o-a1b2c3d4e5";
export const PROD_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
export const PROD_KEY_ARN = `arn:aws:kms:${PROD_REGION}:${PROD_ACCOUNT}:key/${PROD_KEY_ID}`;
export const CALLER_ARN = `arn:aws:iam::${PROD_ACCOUNT}:role/AuditVerifier`;

/** A fixed clock with a one-digit month and day, so Config's unpadded dates differ from CloudTrail's. */
export const NOW = new Date("2026-03-05T06:00:00Z");

const HOUR = 3600 * 1000;

export interface ProdPolicies {
    /** The bucket policy the stack's program generates (as S3 stores it). */
    bucketPolicy: string;
    /** The key policy the stack's program generates. */
    keyPolicy: string;
}

/**
 * The prod stack as deployed by the component and left alone: every configuration as S3 and KMS return it (the
 * documents of the S3 API reference: GetBucketLifecycleConfiguration, GetObjectLockConfiguration, ...), written out
 * by hand from stacks/Pulumi.prod.yaml rather than derived from the plan, so drift found against the plan is real.
 * Deliveries arrived two hours before NOW.
 */
export function compliantProdAccount(policies: ProdPolicies): FakeAccount {
    const key = compliantKey({ account: PROD_ACCOUNT, keyId: PROD_KEY_ID, arn: PROD_KEY_ARN, description: `Encrypts the audit logs in s3://${PROD_BUCKET}`, policy: policies.keyPolicy });
    const bucket: FakeBucket = {
        region: PROD_REGION,
        ownershipControls: { Rule: { ObjectOwnership: "BucketOwnerEnforced" } },
        publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
        versioning: { Status: "Enabled" },
        encryption: { Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: PROD_KEY_ARN }, BucketKeyEnabled: true, BlockedEncryptionTypes: { EncryptionType: ["SSE-C"] } } },
        policy: policies.bucketPolicy,
        lifecycle: sevenYearLifecycle(),
        transitionDefaultMinimumObjectSize: "all_storage_classes_128K",
        logging: { LoggingEnabled: { TargetBucket: `network-access-logs-${PROD_ACCOUNT}-${PROD_REGION}`, TargetPrefix: `${PROD_BUCKET}/` } },
        tags: { "managed-by": "audit-log-bucket", purpose: "audit-logs" },
        // The component's BucketNotification: every object-level event to EventBridge, as S3 answers it (an empty element).
        notification: { EventBridgeConfiguration: {} },
        // The vault's replication (stacks/Pulumi.prod.yaml: vaultRegion us-west-2 in account 555555555555), as
        // GetBucketReplication answers it.
        replication: vaultReplication(PROD_ACCOUNT, PROD_BUCKET, "network-compliance-logs-vault-555555555555-us-west-2", "arn:aws:kms:us-west-2:555555555555:key/e32208a4-07bf-4ced-a3be-a55eb9238c2c"),
        objects: [...markers(), ...deliveries(PROD_ACCOUNT, NOW.getTime() - 2 * HOUR)],
    };
    return {
        accountId: PROD_ACCOUNT,
        callerArn: CALLER_ARN,
        buckets: { [PROD_BUCKET]: bucket },
        accountPublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
        keys: [key],
        aliases: { [`alias/${PROD_BUCKET}`]: PROD_KEY_ID },
        denied: new Set(),
    };
}

/** The component's replication into its vault, as GetBucketReplication answers it. */
export function vaultReplication(account: string, bucket: string, vaultBucket: string, vaultKeyArn: string): XmlDocument {
    return {
        Role: `arn:aws:iam::${account}:role/${bucket}-replication`,
        Rule: [
            {
                ID: "audit-logs-to-vault",
                Priority: 1,
                Status: "Enabled",
                Filter: { Prefix: "" },
                DeleteMarkerReplication: { Status: "Disabled" },
                SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: "Enabled" } },
                Destination: {
                    Bucket: `arn:aws:s3:::${vaultBucket}`,
                    StorageClass: "DEEP_ARCHIVE",
                    EncryptionConfiguration: { ReplicaKmsKeyID: vaultKeyArn },
                    ReplicationTime: { Status: "Enabled", Time: { Minutes: 15 } },
                    Metrics: { Status: "Enabled", EventThreshold: { Minutes: 15 } },
                },
            },
        ],
    };
}

function markers(): FakeObject[] {
    return ["cloudtrail-logs/", "config-logs/", "ssm-logs/", "securityhub-findings/"].map((key) => ({ key, lastModified: new Date("2025-01-01T00:00:00Z"), size: 0 }));
}

/** CloudTrail (organization layout) and Config objects of one account, delivered at `at` and on the days before. */
export function deliveries(account: string, at: number): FakeObject[] {
    const objects: FakeObject[] = [];
    for (const daysBefore of [0, 1, 2]) {
        const time = new Date(at - daysBefore * 24 * HOUR);
        const y = time.getUTCFullYear();
        const m = time.getUTCMonth() + 1;
        const d = time.getUTCDate();
        const pad = (n: number): string => String(n).padStart(2, "0");
        const stamp = `${y}${pad(m)}${pad(d)}T${pad(time.getUTCHours())}${pad(time.getUTCMinutes())}Z`;
        objects.push(
            { key: `cloudtrail-logs/AWSLogs/${PROD_ORG}/${account}/CloudTrail/${PROD_REGION}/${y}/${pad(m)}/${pad(d)}/${account}_CloudTrail_${PROD_REGION}_${stamp}_a1b2.json.gz`, lastModified: time, size: 2048 },
            // Config's key names do not sort by time: an older object sorts after the newest one.
            { key: `config-logs/AWSLogs/${account}/Config/${PROD_REGION}/${y}/${m}/${d}/ConfigHistory/${account}_Config_${PROD_REGION}_ConfigHistory_AWS::S3::Bucket_${stamp}_b.json.gz`, lastModified: time, size: 4096 },
            { key: `config-logs/AWSLogs/${account}/Config/${PROD_REGION}/${y}/${m}/${d}/ConfigSnapshot/${account}_Config_${PROD_REGION}_ConfigSnapshot_${stamp}_c.json.gz`, lastModified: new Date(time.getTime() - HOUR), size: 4096 },
        );
    }
    return objects;
}
