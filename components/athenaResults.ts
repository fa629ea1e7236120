/** Where query results go and how long they stay: the workgroup's enforced settings and the results bucket's rules. */
import { bucketArn } from "./arns";
import { PolicyDocument, PolicyStatement, TLS_ONLY_SIDS, oneOrMany, policyDocument, tlsOnlyStatements } from "./policyDocument";

/**
 * What the workgroup needs. `Key` is the key ARN's type: a string here, or a value the component does not know yet
 * (the ARN of a key created in the same run), so the encryption option itself is known in a preview.
 */
export interface WorkgroupInputs<Key = string> {
    accountId: string;
    resultsBucketName: string;
    /** The audit-log bucket's key; undefined with SSE-S3. */
    kmsKeyArn?: Key;
    bytesScannedCutoffPerQuery: number;
}

/** The shape of `aws.athena.Workgroup`'s `configuration` input (checked against types/input.d.ts). */
export interface WorkgroupConfiguration<Key = string> {
    enforceWorkgroupConfiguration: true;
    publishCloudwatchMetricsEnabled: true;
    bytesScannedCutoffPerQuery: number;
    resultConfiguration: {
        outputLocation: string;
        expectedBucketOwner: string;
        encryptionConfiguration: { encryptionOption: "SSE_KMS"; kmsKeyArn: Key } | { encryptionOption: "SSE_S3" };
    };
}

/**
 * The workgroup enforces its settings over the client's, so no query can write its results elsewhere (into the
 * audit-log bucket, say), unencrypted, or scan without limit. `expectedBucketOwner` stops Athena writing into a
 * bucket of the same name in another account.
 */
export function workgroupConfiguration<Key = string>(inputs: WorkgroupInputs<Key>): WorkgroupConfiguration<Key> {
    return {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: inputs.bytesScannedCutoffPerQuery,
        resultConfiguration: {
            outputLocation: `s3://${inputs.resultsBucketName}/`,
            expectedBucketOwner: inputs.accountId,
            encryptionConfiguration: inputs.kmsKeyArn !== undefined ? { encryptionOption: "SSE_KMS", kmsKeyArn: inputs.kmsKeyArn } : { encryptionOption: "SSE_S3" },
        },
    };
}

export const RESULTS_LIFECYCLE_RULE_IDS = { expire: "expire-query-results", housekeeping: "abort-uploads-and-clean-delete-markers" } as const;

/**
 * A short lifecycle instead of archive tiers: results expire after `retentionDays`, and a result once expired or
 * overwritten is gone the next day (noncurrent versions expire with the results, they are not kept as history).
 * The delete-marker clean-up needs its own rule: S3 refuses it next to an expiration in days.
 */
export function resultsLifecycleRules(retentionDays: number): {
    id: string;
    status: "Enabled";
    filter: { prefix: string };
    expiration: { days?: number; expiredObjectDeleteMarker?: boolean };
    noncurrentVersionExpiration?: { noncurrentDays: number };
    abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
}[] {
    return [
        {
            id: RESULTS_LIFECYCLE_RULE_IDS.expire,
            status: "Enabled",
            filter: { prefix: "" },
            expiration: { days: retentionDays },
            noncurrentVersionExpiration: { noncurrentDays: 1 },
        },
        {
            id: RESULTS_LIFECYCLE_RULE_IDS.housekeeping,
            status: "Enabled",
            filter: { prefix: "" },
            expiration: { expiredObjectDeleteMarker: true },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
        },
    ];
}

/** What Athena does in the results bucket on the reader's behalf (Athena User Guide, "Access to Amazon S3"). */
export const RESULTS_BUCKET_ACTIONS = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"] as const;
export const RESULTS_OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"] as const;

export const RESULTS_POLICY_SIDS = {
    ...TLS_ONLY_SIDS,
    readersBucket: "QueryReadersResultsBucket",
    readersObjects: "QueryReadersResultsObjects",
} as const;

/**
 * The results bucket's policy: TLS only, and the reader roles admitted to what Athena does there on their behalf, so
 * readers in other accounts can run queries too (their own IAM policies must allow the same).
 */
export function resultsBucketPolicy(inputs: { partition: string; resultsBucketName: string; readerArns: readonly string[] }): PolicyDocument {
    const bucket = bucketArn(inputs.partition, inputs.resultsBucketName);
    const objects = `${bucket}/*`;
    const statements: PolicyStatement[] = tlsOnlyStatements(bucket);
    if (inputs.readerArns.length > 0) {
        const readers = { AWS: oneOrMany([...new Set(inputs.readerArns)]) };
        statements.push(
            { Sid: RESULTS_POLICY_SIDS.readersBucket, Effect: "Allow", Principal: readers, Action: [...RESULTS_BUCKET_ACTIONS], Resource: bucket },
            { Sid: RESULTS_POLICY_SIDS.readersObjects, Effect: "Allow", Principal: readers, Action: [...RESULTS_OBJECT_ACTIONS], Resource: objects },
        );
    }
    return policyDocument(statements);
}
