import { vaultReplication } from "./accounts";
import { compliantKey, sevenYearLifecycle } from "./state";
import type { FakeAccount, FakeBucket } from "./state";

export const LOG_ARCHIVE_ACCOUNT = "666666666666";
export const LOG_ARCHIVE_REGION = "eu-west-1";
export const LOG_ARCHIVE_BUCKET = `network-compliance-logs-${LOG_ARCHIVE_ACCOUNT}-${LOG_ARCHIVE_REGION}`;
export const LOG_ARCHIVE_ACCESS_LOGS = `s3-access-logs-${LOG_ARCHIVE_ACCOUNT}-${LOG_ARCHIVE_REGION}`;
export const LOG_ARCHIVE_RESULTS = `audit-query-results-${LOG_ARCHIVE_ACCOUNT}-${LOG_ARCHIVE_REGION}`;
export const LOG_ARCHIVE_KEY_ID = "9876fedc-98fe-76dc-54ba-0987654321fe";
export const LOG_ARCHIVE_KEY_ARN = `arn:aws:kms:${LOG_ARCHIVE_REGION}:${LOG_ARCHIVE_ACCOUNT}:key/${LOG_ARCHIVE_KEY_ID}`;

/** The policies the log-archive program generates, one per bucket and the key's, as a deployment put them. */
export interface LogArchivePolicies {
    buckets: Record<string, string>;
    keyPolicy: string;
}

const BLOCK_ALL = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

/**
 * The log-archive stack (stacks/Pulumi.log-archive.yaml) as deployed and left alone: the audit-log bucket, the access-log
 * target it creates and the Athena results bucket, each configuration written out by hand as S3 answers it (S3's
 * defaults left to the endpoint: the lifecycle header, SSE-C blocked), so drift found against the plan is real.
 */
export function compliantLogArchiveAccount(policies: LogArchivePolicies): FakeAccount {
    const key = compliantKey({ account: LOG_ARCHIVE_ACCOUNT, keyId: LOG_ARCHIVE_KEY_ID, arn: LOG_ARCHIVE_KEY_ARN, description: `Encrypts the audit logs in s3://${LOG_ARCHIVE_BUCKET}`, policy: policies.keyPolicy });
    // One document per bucket: a test that edits one bucket's encryption leaves the other's alone.
    const kms = (): FakeBucket["encryption"] => ({ Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: LOG_ARCHIVE_KEY_ARN }, BucketKeyEnabled: true } });
    const audit: FakeBucket = {
        region: LOG_ARCHIVE_REGION,
        ownershipControls: { Rule: { ObjectOwnership: "BucketOwnerEnforced" } },
        publicAccessBlock: { ...BLOCK_ALL },
        versioning: { Status: "Enabled" },
        encryption: kms(),
        policy: policies.buckets[LOG_ARCHIVE_BUCKET],
        lifecycle: sevenYearLifecycle(),
        // No Object Lock: AWS Config delivers here (AWS-CFG-150); the WORM copy is the vault (stacks/Pulumi.log-archive.yaml).
        replication: vaultReplication(LOG_ARCHIVE_ACCOUNT, LOG_ARCHIVE_BUCKET, "network-compliance-logs-vault-999999999999-eu-central-1", "arn:aws:kms:eu-central-1:999999999999:key/5678abcd-12ab-34cd-56ef-1234567890ab"),
        logging: { LoggingEnabled: { TargetBucket: LOG_ARCHIVE_ACCESS_LOGS, TargetPrefix: `${LOG_ARCHIVE_BUCKET}/` } },
        tags: { "managed-by": "audit-log-bucket", purpose: "audit-logs" },
        notification: { EventBridgeConfiguration: {} },
        objects: ["cloudtrail-logs/", "config-logs/", "ssm-logs/", "securityhub-findings/"].map((prefix) => ({ key: prefix, lastModified: new Date("2025-01-01T00:00:00Z"), size: 0 })),
    };
    const accessLogs: FakeBucket = {
        region: LOG_ARCHIVE_REGION,
        ownershipControls: { Rule: { ObjectOwnership: "BucketOwnerEnforced" } },
        publicAccessBlock: { ...BLOCK_ALL },
        versioning: { Status: "Enabled" },
        // S3 delivers server access logs to SSE-S3 targets only.
        encryption: { Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false } },
        policy: policies.buckets[LOG_ARCHIVE_ACCESS_LOGS],
        lifecycle: { Rule: [{ ID: "expire-access-logs", Filter: { Prefix: "" }, Status: "Enabled", Expiration: { Days: 2555 }, NoncurrentVersionExpiration: { NoncurrentDays: 90 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }] },
        logging: {},
        tags: { "managed-by": "audit-log-bucket", purpose: "s3-access-logs" },
        notification: {},
        objects: [],
    };
    const results: FakeBucket = {
        region: LOG_ARCHIVE_REGION,
        ownershipControls: { Rule: { ObjectOwnership: "BucketOwnerEnforced" } },
        publicAccessBlock: { ...BLOCK_ALL },
        versioning: { Status: "Enabled" },
        encryption: kms(),
        policy: policies.buckets[LOG_ARCHIVE_RESULTS],
        lifecycle: {
            Rule: [
                { ID: "expire-query-results", Filter: { Prefix: "" }, Status: "Enabled", Expiration: { Days: 30 }, NoncurrentVersionExpiration: { NoncurrentDays: 1 } },
                { ID: "abort-uploads-and-clean-delete-markers", Filter: { Prefix: "" }, Status: "Enabled", Expiration: { ExpiredObjectDeleteMarker: true }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
            ],
        },
        logging: {},
        tags: { "managed-by": "audit-log-bucket", purpose: "athena-query-results" },
        notification: {},
        objects: [],
    };
    return {
        accountId: LOG_ARCHIVE_ACCOUNT,
        callerArn: `arn:aws:iam::${LOG_ARCHIVE_ACCOUNT}:role/AuditVerifier`,
        buckets: { [LOG_ARCHIVE_BUCKET]: audit, [LOG_ARCHIVE_ACCESS_LOGS]: accessLogs, [LOG_ARCHIVE_RESULTS]: results },
        accountPublicAccessBlock: { ...BLOCK_ALL },
        keys: [key],
        aliases: { [`alias/${LOG_ARCHIVE_BUCKET}`]: LOG_ARCHIVE_KEY_ID },
        denied: new Set(),
    };
}
