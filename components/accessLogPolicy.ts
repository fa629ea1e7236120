import { bucketArn } from "./arns";
import { LIFECYCLE_DEFAULTS, SERVICE_PRINCIPALS } from "./constants";
import { PolicyDocument, TLS_ONLY_SIDS, policyDocument, tlsOnlyStatements } from "./policyDocument";

/**
 * The bucket that receives an audit-log bucket's server access logs, when the component creates it. It is not an
 * audit-log bucket itself (no `network-compliance-logs-` prefix, no `purpose: audit-logs` tag): nothing but S3's
 * log delivery writes to it.
 */
export function accessLogBucketName(accountId: string, region: string): string {
    return `s3-access-logs-${accountId}-${region}`;
}

/** Everything the access-log bucket's policy depends on, resolved to plain values. */
export interface AccessLogPolicyInputs {
    partition: string;
    /** The account that owns both buckets: S3 delivers access logs only within one account and region. */
    accountId: string;
    /** The bucket that receives the logs. */
    targetBucket: string;
    /** The key prefix the logs are written under. */
    targetPrefix: string;
    /** The bucket whose requests are logged. */
    sourceBucket: string;
}

export const ACCESS_LOG_POLICY_SIDS = {
    ...TLS_ONLY_SIDS,
    serverAccessLogs: "S3ServerAccessLogsPolicy",
} as const;

/**
 * TLS required, and S3's logging service admitted to write under the prefix for the source bucket only, in the
 * shape the S3 User Guide gives ("Enabling Amazon S3 server access logging": `aws:SourceArn` and
 * `aws:SourceAccount`, which keep another account's bucket from logging into this one).
 */
export function buildAccessLogBucketPolicy(inputs: AccessLogPolicyInputs): PolicyDocument {
    const target = bucketArn(inputs.partition, inputs.targetBucket);
    const sids = ACCESS_LOG_POLICY_SIDS;
    return policyDocument([
        ...tlsOnlyStatements(target),
        {
            Sid: sids.serverAccessLogs,
            Effect: "Allow",
            Principal: { Service: SERVICE_PRINCIPALS.s3Logging },
            Action: "s3:PutObject",
            Resource: `${target}/${inputs.targetPrefix}*`,
            Condition: {
                ArnLike: { "aws:SourceArn": bucketArn(inputs.partition, inputs.sourceBucket) },
                StringEquals: { "aws:SourceAccount": inputs.accountId },
            },
        },
    ]);
}

/** The access-log bucket's one lifecycle rule, in the shape of `aws.s3.BucketLifecycleConfiguration`'s `rules`. */
export function accessLogLifecycleRules(retentionDays: number, noncurrentDays: number) {
    return [
        {
            id: "expire-access-logs",
            status: "Enabled",
            filter: { prefix: "" },
            expiration: { days: retentionDays },
            noncurrentVersionExpiration: { noncurrentDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: LIFECYCLE_DEFAULTS.abortIncompleteMultipartUploadDays },
        },
    ];
}
