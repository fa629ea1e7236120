import type { AnalyzerResource } from "../../tools/policy/analyzer";
import { resource } from "../support/fixtures";
import type { BucketCase, KeyCase, PendingCase } from "./cases";
import { ACCOUNT, AUDIT, BucketSpec, KEY_ARN, Style, UNKNOWN, cloudTrailWrite, compliantKey, compliantSpec, keyUrnOf, render, renderKey, rootAdmin, tlsDeny } from "./styles";

/** The failing cases of the delivery and size rules: a delivering resource of the stack that AWS would refuse. */

const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
export const ORGANIZATION = "o-a1b2c3d4e5";
const TARGET = "access-log-target";
const arn = (bucket: string): string => `arn:aws:s3:::${bucket}`;

/** CloudTrail's ACL check, scoped to the trail as the component writes it. */
export function cloudTrailAclCheck(bucket: string): Record<string, unknown> {
    return { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: arn(bucket), Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } } };
}

/** Config's three statements (Config guide, "Permissions for the Amazon S3 Bucket"), under config-logs/. */
export function configStatements(bucket: string): Record<string, unknown>[] {
    const scoped = { StringEquals: { "aws:SourceAccount": ACCOUNT } };
    return [
        { Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: arn(bucket), Condition: scoped },
        { Sid: "AWSConfigBucketExistenceCheck", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:ListBucket", Resource: arn(bucket), Condition: scoped },
        { Sid: "AWSConfigBucketDelivery", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:PutObject", Resource: `${arn(bucket)}/config-logs/AWSLogs/${ACCOUNT}/Config/*`, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT, "s3:x-amz-acl": "bucket-owner-full-control" } } },
    ];
}

/** The server access log grant of a target, for one source bucket (S3 guide, "Permissions for log delivery"). */
export function loggingGrant(target: string, source: string): Record<string, unknown> {
    return { Sid: "S3ServerAccessLogsPolicy", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `${arn(target)}/x/*`, Condition: { ArnLike: { "aws:SourceArn": arn(source) }, StringEquals: { "aws:SourceAccount": ACCOUNT } } };
}

export function trail(bucket: string, properties: Record<string, unknown> = {}, extra: Partial<AnalyzerResource> = {}): AnalyzerResource {
    return resource("aws:cloudtrail/trail:Trail", "trail", { name: "main", s3BucketName: bucket, s3KeyPrefix: "cloudtrail-logs", isMultiRegionTrail: true, ...properties }, extra);
}

export function channel(bucket: string, properties: Record<string, unknown> = {}, extra: Partial<AnalyzerResource> = {}): AnalyzerResource {
    return resource("aws:cfg/deliveryChannel:DeliveryChannel", "channel", { s3BucketName: bucket, s3KeyPrefix: "config-logs", ...properties }, extra);
}

/** A key of the stack whose policy grants CloudTrail all but Decrypt (the policy the component had before issue 19). */
function trailKey(): AnalyzerResource[] {
    const statements = [
        rootAdmin(),
        { Sid: "AllowCloudTrailEncryptLogs", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*", Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": TRAIL_ARN } } },
        { Sid: "AllowCloudTrailDescribeKey", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:DescribeKey", Resource: "*", Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } } },
    ];
    return renderKey(compliantKey("trail-key", { statements }), "aws.kms.Key");
}
const TRAIL_KEY_URN = keyUrnOf(compliantKey("trail-key"), "aws.kms.Key");

/** A plain bucket the source's server access logs go to, written in the same style as the source. */
function logTarget(style: Style, statements: Record<string, unknown>[], change: Parameters<typeof compliantSpec>[1] = {}): AnalyzerResource[] {
    return render(compliantSpec(TARGET, { statements: [tlsDeny(TARGET), ...statements], encryption: { algorithm: "AES256" }, objectLock: undefined, logging: undefined, ...change }), style);
}

const withLogging = (): Partial<BucketSpec> => ({ logging: { targetBucket: TARGET } });

/** A Deny confining reads to VPC endpoints, listing enough of them to pass S3's 20 KB. */
function endpointDeny(bucket: string, count: number): Record<string, unknown> {
    const endpoints = Array.from({ length: count }, (_, index) => `vpce-${index.toString(16).padStart(17, "0")}`);
    return { Sid: "DenyReadsOutsideEndpoints", Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: `${arn(bucket)}/*`, Condition: { StringNotEquals: { "aws:SourceVpce": endpoints } } };
}

const AUDIT_DESCRIBED = `bucket "${AUDIT}" \\(${AUDIT}-bucket\\)`;

export const DELIVERY_CASES: BucketCase[] = [
    {
        // AWS-CT-100: GetBucketAcl, and PutObject under <prefix>/AWSLogs/<account>/ as the trail.
        policy: "cloudtrail-delivery-admitted",
        what: "receives a trail whose s3KeyPrefix its policy does not admit",
        bucket: AUDIT,
        change: (name) => ({ statements: [tlsDeny(name), cloudTrailAclCheck(name), cloudTrailWrite(name)] }),
        extra: (name) => [trail(name, { s3KeyPrefix: "trails" })],
        message: new RegExp(`^trail trail delivers to ${AUDIT_DESCRIBED}: the bucket policy must admit cloudtrail\\.amazonaws\\.com s3:PutObject on arn:aws:s3:::${AUDIT}/trails/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/01/01/${ACCOUNT}_CloudTrail_us-east-1_log\\.json\\.gz with aws:SourceArn=${TRAIL_ARN}, aws:SourceAccount=${ACCOUNT}, s3:x-amz-acl=bucket-owner-full-control, but no statement admits it: admit the trail's ARN, account and organization under trails/AWSLogs/\\.$`),
    },
    {
        policy: "cloudtrail-delivery-admitted",
        what: "receives a trail with log file validation whose digests its policy does not admit",
        bucket: AUDIT,
        change: (name) => ({ statements: [tlsDeny(name), cloudTrailAclCheck(name), { ...cloudTrailWrite(name), Resource: `${arn(name)}/cloudtrail-logs/AWSLogs/${ACCOUNT}/CloudTrail/*` }] }),
        extra: (name) => [trail(name, { enableLogFileValidation: true })],
        message: /s3:PutObject on arn:aws:s3:::network-compliance-logs-123456789012-us-east-1\/cloudtrail-logs\/AWSLogs\/123456789012\/CloudTrail-Digest\/us-east-1\/.* but no statement admits it/,
    },
    {
        policy: "cloudtrail-delivery-admitted",
        what: "receives a trail that may not check its ACL",
        bucket: AUDIT,
        change: (name) => ({ statements: [tlsDeny(name), cloudTrailWrite(name)] }),
        extra: (name) => [trail(name)],
        message: new RegExp(`^trail trail delivers to ${AUDIT_DESCRIBED}: the bucket policy must admit cloudtrail\\.amazonaws\\.com s3:GetBucketAcl on arn:aws:s3:::${AUDIT} with aws:SourceArn=${TRAIL_ARN}, aws:SourceAccount=${ACCOUNT}, but no statement admits it`),
    },
    {
        // AWS-CT-102: the trail's key must admit Decrypt when the bucket uses an S3 Bucket Key.
        policy: "cloudtrail-delivery-admitted",
        what: "receives a trail whose key grants no kms:Decrypt under a Bucket Key",
        bucket: AUDIT,
        change: (name) => ({ statements: [tlsDeny(name), cloudTrailAclCheck(name), cloudTrailWrite(name)] }),
        extra: (name) => [...trailKey(), trail(name, { kmsKeyId: KEY_ARN }, { propertyDependencies: { kmsKeyId: [TRAIL_KEY_URN] } })],
        message: new RegExp(`: the key policy must admit cloudtrail\\.amazonaws\\.com kms:Decrypt \\(${AUDIT_DESCRIBED} uses an S3 Bucket Key\\) with aws:SourceArn=${TRAIL_ARN}, aws:SourceAccount=${ACCOUNT}, kms:EncryptionContext:aws:s3:arn=arn:aws:s3:::${AUDIT}, but no statement admits it: admit cloudtrail\\.amazonaws\\.com in the policy of key trail-key`),
    },
    {
        // AWS-CT-101: an organization trail writes the logs of every member, listed or not.
        policy: "cloudtrail-delivery-admitted",
        what: "receives an organization trail its policy admits for listed member accounts only",
        bucket: AUDIT,
        config: { "cloudtrail-delivery-admitted": { organizationId: ORGANIZATION } },
        change: (name) => ({ statements: [tlsDeny(name), cloudTrailAclCheck(name), cloudTrailWrite(name), { ...cloudTrailWrite(name), Sid: "OrganizationWrite", Resource: [`${arn(name)}/cloudtrail-logs/AWSLogs/${ORGANIZATION}/${ACCOUNT}/*`, `${arn(name)}/cloudtrail-logs/AWSLogs/${ORGANIZATION}/444455556666/*`] }] }),
        extra: (name) => [trail(name, { isOrganizationTrail: true })],
        message: /: the bucket policy must admit cloudtrail\.amazonaws\.com s3:PutObject under AWSLogs\/o-a1b2c3d4e5\/<any member account>\/ \(shown as 000000000000\) with .*aws:SourceOrgID=o-a1b2c3d4e5, s3:x-amz-acl=bucket-owner-full-control, but no statement admits it/,
    },
    {
        // AWS-CFG-100: GetBucketAcl, ListBucket and PutObject under AWSLogs/<account>/Config/.
        policy: "config-delivery-admitted",
        what: "receives a Config channel its policy does not admit",
        bucket: AUDIT,
        change: (name) => ({ statements: [tlsDeny(name), cloudTrailWrite(name)] }),
        extra: (name) => [channel(name)],
        message: new RegExp(`^delivery channel channel delivers to ${AUDIT_DESCRIBED}: the bucket policy must admit config\\.amazonaws\\.com s3:GetBucketAcl on arn:aws:s3:::${AUDIT} with aws:SourceAccount=${ACCOUNT}, but no statement admits it: .*; the bucket policy must admit config\\.amazonaws\\.com s3:ListBucket .*; the bucket policy must admit config\\.amazonaws\\.com s3:PutObject on arn:aws:s3:::${AUDIT}/config-logs/AWSLogs/${ACCOUNT}/Config/us-east-1/2026/1/1/ConfigSnapshot/.*, but no statement admits it`),
    },
    {
        // AWS-CFG-101: the channel's key admits Config's GenerateDataKey and Decrypt.
        policy: "config-delivery-admitted",
        what: "receives a Config channel whose key admits only the account",
        bucket: AUDIT,
        change: (name) => ({ statements: [tlsDeny(name), cloudTrailWrite(name), ...configStatements(name)] }),
        extra: (name) => [...renderKey(compliantKey("config-key"), "aws.kms.Key"), channel(name, { s3KmsKeyArn: KEY_ARN }, { propertyDependencies: { s3KmsKeyArn: [keyUrnOf(compliantKey("config-key"), "aws.kms.Key")] } })],
        message: /: the key policy must admit config\.amazonaws\.com kms:GenerateDataKey with aws:SourceAccount=123456789012, but no statement admits it: .*; the key policy must admit config\.amazonaws\.com kms:Decrypt .*but no statement admits it/,
    },
    {
        // AWS-S3-100: the target grants logging.s3.amazonaws.com for the source.
        policy: "s3-access-log-delivery-admitted",
        what: "logs to a target without the logging grant",
        bucket: AUDIT,
        change: withLogging,
        extra: (_name, style) => logTarget(style, []),
        message: new RegExp(`^${AUDIT_DESCRIBED} delivers its server access logs to bucket "${TARGET}" \\(${TARGET}-bucket\\): the bucket policy must admit logging\\.s3\\.amazonaws\\.com s3:PutObject on arn:aws:s3:::${TARGET}/x/2026-01-01-00-00-00-0123456789ABCDEF with aws:SourceArn=arn:aws:s3:::${AUDIT}, aws:SourceAccount=${ACCOUNT}, but no statement admits it`),
    },
    {
        policy: "s3-access-log-delivery-admitted",
        what: "logs to a target whose grant names another source bucket",
        bucket: AUDIT,
        change: withLogging,
        extra: (_name, style) => logTarget(style, [loggingGrant(TARGET, "another-bucket")]),
        message: /logging\.s3\.amazonaws\.com s3:PutObject .* but no statement admits it/,
    },
    {
        // AWS-S3-101: no server access logs into a bucket with Object Lock.
        policy: "s3-access-log-delivery-admitted",
        what: "logs to a target with Object Lock",
        bucket: AUDIT,
        change: withLogging,
        extra: (name, style) => logTarget(style, [loggingGrant(TARGET, name)], { objectLock: { mode: "GOVERNANCE", days: 1 } }),
        message: /: the target has Object Lock, and S3 does not deliver server access logs into a bucket with Object Lock: deliver them to a bucket without it\.$/,
    },
    {
        // AWS-S3-102: SSE-S3 on the target.
        policy: "s3-access-log-target-sse-s3",
        what: "logs to a target encrypted with SSE-KMS",
        bucket: AUDIT,
        change: withLogging,
        extra: (name, style) => logTarget(style, [loggingGrant(TARGET, name)], { encryption: { algorithm: "aws:kms", kmsKeyId: KEY_ARN, bucketKey: true } }),
        message: /delivers its server access logs to bucket "access-log-target" \(access-log-target-bucket\), which encrypts with aws:kms: use SSE-S3 \(AES256\) on the target\.$/,
    },
    {
        // AWS-S3-103: 20 KB of compact JSON.
        policy: "s3-policy-within-size-limit",
        what: "has a bucket policy over 20 KB",
        bucket: AUDIT,
        change: (name) => ({ statements: [tlsDeny(name), cloudTrailWrite(name), endpointDeny(name, 900)] }),
        message: /^bucket "network-compliance-logs-123456789012-us-east-1" \(network-compliance-logs-123456789012-us-east-1-bucket\): the policy of network-compliance-logs-123456789012-us-east-1-(policy|bucket) is 2\d,\d{3} bytes as compact JSON, over AWS's limit of 20,480, so AWS refuses it at deploy time: merge statements/,
    },
];

export const DELIVERY_KEY_CASES: KeyCase[] = [
    {
        // AWS-KMS-100: 32 KB of compact JSON.
        policy: "kms-key-policy-within-size-limit",
        what: "has a key policy over 32 KB",
        resources: (style) => renderKey(compliantKey("logs-key", { statements: [rootAdmin(), { Sid: "Readers", Effect: "Allow", Principal: { AWS: Array.from({ length: 800 }, (_, index) => `arn:aws:iam::${ACCOUNT}:role/log-reader-${index}`) }, Action: "kms:Decrypt", Resource: "*" }] }), style),
        message: /^KMS key logs-key: the policy of logs-key(-policy)? is 3\d,\d{3} bytes as compact JSON, over AWS's limit of 32,768, so AWS refuses it at deploy time/,
    },
];

export const DELIVERY_PENDING_CASES: PendingCase[] = [
    {
        policy: "cloudtrail-delivery-admitted",
        what: "the trail's s3KeyPrefix is unknown (v7 split resources)",
        resources: () => [...render(compliantSpec(AUDIT, { statements: [tlsDeny(AUDIT), cloudTrailAclCheck(AUDIT), cloudTrailWrite(AUDIT)] }), "v7 split resources", { unknownBucketIds: true }), trail(AUDIT, { s3KeyPrefix: UNKNOWN })],
        on: "trail",
    },
    {
        policy: "s3-policy-within-size-limit",
        what: "the bucket policy is unknown (v7 split resources)",
        resources: () => render(compliantSpec(AUDIT, { policyDocument: UNKNOWN }), "v7 split resources", { unknownBucketIds: true }),
        on: `${AUDIT}-policy`,
    },
];

export const DELIVERY_PENDING_MESSAGES: Record<string, string[]> = {
    "cloudtrail-delivery-admitted: the trail's s3KeyPrefix is unknown (v7 split resources)": [
        `trail trail delivers to bucket "${AUDIT}" (${AUDIT}-bucket): the bucket policy must admit cloudtrail.amazonaws.com s3:PutObject on <not known yet> with aws:SourceArn=${TRAIL_ARN}, aws:SourceAccount=${ACCOUNT}, s3:x-amz-acl=bucket-owner-full-control, which depends on a value not known yet.`,
    ],
    "s3-policy-within-size-limit: the bucket policy is unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) takes its policy from ${AUDIT}-policy, not known yet: whether it fits AWS's limit of 20,480 bytes is checked once it is.`],
};
