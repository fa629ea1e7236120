import type { AnalyzerResource } from "../../tools/policy/analyzer";
import { cloudTrailWrite, compliantBucket, resource, tlsDeny, withChange } from "../support/fixtures";

export const AUDIT = "network-compliance-logs-123456789012-us-east-1";
export const PLAIN = "website-assets";

export type Row = [string, string, () => AnalyzerResource[], ...([] | [Record<string, unknown>])];

// Each row: the rule, what the resources do wrong, and the resources. Every row must raise the rule on a
// resource it names; the compliant baselines below must raise nothing mandatory.
export const VIOLATIONS: Row[] = [
    ["s3-bucket-blocks-public-access", "has no public access block", () => withChange(compliantBucket(PLAIN), "pab", undefined)],
    ["s3-bucket-blocks-public-access", "leaves restrictPublicBuckets off", () => withChange(compliantBucket(PLAIN), "pab", (p) => ({ ...p, restrictPublicBuckets: false }))],
    ["s3-bucket-owner-enforced", "has no ownership controls", () => withChange(compliantBucket(PLAIN), "ownership", undefined)],
    ["s3-bucket-owner-enforced", "uses ObjectWriter ownership", () => withChange(compliantBucket(PLAIN), "ownership", (p) => ({ ...p, rule: { objectOwnership: "ObjectWriter" } }))],
    ["s3-bucket-versioning-enabled", "has no versioning", () => withChange(compliantBucket(PLAIN), "versioning", undefined)],
    ["s3-bucket-versioning-enabled", "suspends versioning", () => withChange(compliantBucket(PLAIN), "versioning", (p) => ({ ...p, versioningConfiguration: { status: "Suspended" } }))],
    ["s3-bucket-encryption-declared", "declares no encryption", () => withChange(compliantBucket(PLAIN), "sse", undefined)],
    ["s3-bucket-encryption-declared", "uses SSE-KMS without Bucket Key", () => withChange(compliantBucket(PLAIN), "sse", (p) => ({ ...p, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] }))],
    ["s3-bucket-encryption-declared", "uses SSE-S3 where requireKms is on", () => withChange(compliantBucket(PLAIN), "sse", (p) => ({ ...p, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })), { "s3-bucket-encryption-declared": { requireKms: true } }],
    ["s3-bucket-denies-insecure-transport", "has no bucket policy", () => withChange(compliantBucket(PLAIN), "policy", undefined)],
    ["s3-bucket-denies-insecure-transport", "has a policy without the TLS deny", () => compliantBucket(PLAIN, { statements: [cloudTrailWrite(PLAIN)] })],
    ["s3-bucket-denies-insecure-transport", "denies only when TLS is used (true)", () => compliantBucket(PLAIN, { statements: [{ ...tlsDeny(PLAIN), Resource: `arn:aws:s3:::${PLAIN}/*`, Condition: { Bool: { "aws:SecureTransport": "true" } } }] })],
    ["s3-policy-no-public-principal", "allows Principal * to read", () => compliantBucket(PLAIN, { statements: [tlsDeny(PLAIN), { Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${PLAIN}/*` }] })],
    ["s3-policy-no-public-principal", "allows {AWS: *} to write", () => compliantBucket(PLAIN, { statements: [tlsDeny(PLAIN), { Sid: "AnyAws", Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${PLAIN}/*` }] })],
    ["s3-no-public-acl", "sets a public-read BucketAcl", () => [...compliantBucket(PLAIN), resource("aws:s3/bucketAcl:BucketAcl", "acl", { bucket: PLAIN, acl: "public-read" })]],
    ["s3-no-public-acl", "grants AllUsers write", () => [...compliantBucket(PLAIN), resource("aws:s3/bucketAcl:BucketAcl", "grant", { bucket: PLAIN, accessControlPolicy: { grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "WRITE" }], owner: { id: "x" } } })]],
    ["s3-no-public-acl", "uploads a public-read-write object", () => [...compliantBucket(PLAIN), resource("aws:s3/bucketObjectv2:BucketObjectv2", "obj", { bucket: PLAIN, key: "a", acl: "public-read-write" })]],
    ["s3-bucket-no-force-destroy", "sets forceDestroy", () => compliantBucket(PLAIN).map((r) => (r.type === "aws:s3/bucket:Bucket" ? { ...r, properties: { ...r.properties, forceDestroy: true } } : r))],
    ["audit-log-retention", "expires audit logs after 30 days", () => compliantBucket(AUDIT, { lifecycleRules: [{ id: "short", status: "Enabled", expiration: { days: 30 } }] })],
    ["audit-log-retention", "expires logs earlier than a configured 800 days", () => compliantBucket(AUDIT), { "audit-log-retention": { minRetentionDays: 800 } }],
    ["audit-log-retention", "expires logs of a purpose-tagged bucket on a date", () => compliantBucket("logs-by-tag", { tags: { purpose: "audit-logs" }, lifecycleRules: [{ id: "dated", status: "Enabled", expiration: { date: "2027-01-01T00:00:00Z" } }] })],
    ["audit-log-service-grants-scoped", "grants CloudTrail without a source condition", () => compliantBucket(AUDIT, { statements: [tlsDeny(AUDIT), { ...cloudTrailWrite(AUDIT), Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } } }] })],
    ["audit-log-service-grants-scoped", "grants Config GetBucketAcl unscoped", () => compliantBucket(AUDIT, { statements: [tlsDeny(AUDIT), { Sid: "ConfigAcl", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: `arn:aws:s3:::${AUDIT}` }] })],
    ["audit-log-deliveries-confined", "lets CloudTrail write anywhere in the bucket", () => compliantBucket(AUDIT, { statements: [tlsDeny(AUDIT), { ...cloudTrailWrite(AUDIT), Resource: `arn:aws:s3:::${AUDIT}/*` }] })],
    ["audit-log-deliveries-confined", "lets CloudTrail write without the ACL condition", () => compliantBucket(AUDIT, { statements: [tlsDeny(AUDIT), { ...cloudTrailWrite(AUDIT), Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:123456789012:trail/main" } } }] })],
    ["audit-log-deliveries-confined", "lets Config write outside AWSLogs/<account>/Config/", () => compliantBucket(AUDIT, { statements: [tlsDeny(AUDIT), { Sid: "ConfigWrite", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${AUDIT}/config-logs/*`, Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": "123456789012" } } }] })],
    ["audit-log-object-lock", "has no Object Lock", () => withChange(compliantBucket(AUDIT), "lock", undefined)],
    ["audit-log-access-logging", "has no access logging", () => withChange(compliantBucket(AUDIT), "logging", undefined)],
    ["audit-log-noncurrent-expiration", "keeps noncurrent versions forever", () => compliantBucket(AUDIT, { lifecycleRules: [{ id: "expire", status: "Enabled", expiration: { days: 400 } }] })],
    ["kms-key-rotation-enabled", "creates a key without rotation", () => [resource("aws:kms/key:Key", "key", { enableKeyRotation: false })]],
];


/** What each row's violation must say: what is wrong, on which bucket, and how to fix it. */
export const MESSAGES: Record<string, RegExp> = {
    "has no public access block": /^bucket "website-assets" \(website-assets-bucket\) has no aws\.s3\.BucketPublicAccessBlock: add one for this bucket with blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true\.$/,
    "leaves restrictPublicBuckets off": /^bucket "website-assets" \(website-assets-bucket\) leaves public access open: set restrictPublicBuckets: true on its BucketPublicAccessBlock\.$/,
    "has no ownership controls": /still honours ACLs \(it has no aws\.s3\.BucketOwnershipControls\): add BucketOwnershipControls with rule\.objectOwnership "BucketOwnerEnforced"\.$/,
    "uses ObjectWriter ownership": /still honours ACLs \(Object Ownership is ObjectWriter\)/,
    "has no versioning": /is not versioned: add aws\.s3\.BucketVersioning with versioningConfiguration\.status "Enabled"\.$/,
    "suspends versioning": /has versioning Suspended: set versioningConfiguration\.status to "Enabled" on its BucketVersioning\.$/,
    "declares no encryption": /does not declare default encryption: add aws\.s3\.BucketServerSideEncryptionConfiguration \(sseAlgorithm "aws:kms" with bucketKeyEnabled: true, or "AES256"\)\.$/,
    "uses SSE-KMS without Bucket Key": /uses SSE-KMS without an S3 Bucket Key, which multiplies KMS requests and cost: set bucketKeyEnabled: true\.$/,
    "uses SSE-S3 where requireKms is on": /is encrypted with AES256, but this pack requires SSE-KMS: set sseAlgorithm "aws:kms" and a customer managed key\.$/,
    "has no bucket policy": /accepts plain-HTTP requests: add a bucket policy statement \{ Effect: "Deny", Principal: "\*", Action: "s3:\*"/,
    "has a policy without the TLS deny": /accepts plain-HTTP requests/,
    "denies only when TLS is used (true)": /accepts plain-HTTP requests/,
    "allows Principal * to read": /^Statement Public of website-assets-policy allows anyone \(s3:GetObject\): name the principals, or add a condition on one of aws:SourceArn, /,
    "allows {AWS: *} to write": /^Statement AnyAws of website-assets-policy allows anyone \(s3:PutObject\)/,
    "sets a public-read BucketAcl": /^acl sets the canned ACL "public-read", which makes it public: remove the ACL/,
    "grants AllUsers write": /^grant grants WRITE to AllUsers: remove the grant\.$/,
    "uploads a public-read-write object": /^obj sets the canned ACL "public-read-write"/,
    "sets forceDestroy": /^website-assets-bucket sets forceDestroy: true, so a destroy or replacement deletes all its objects: remove it \(or set false\)\.$/,
    "expires audit logs after 30 days": /: lifecycle rule short expires logs after 30 days, shorter than the required 365: set expiration\.days to 365 or more\.$/,
    "expires logs earlier than a configured 800 days": /: lifecycle rule expire expires logs after 400 days, shorter than the required 800/,
    "expires logs of a purpose-tagged bucket on a date": /^bucket "logs-by-tag" \(logs-by-tag-bucket\): lifecycle rule dated expires logs on a fixed date \(2027-01-01T00:00:00Z\): use expiration\.days of at least 365\.$/,
    "grants CloudTrail without a source condition": /statement AWSCloudTrailWrite grants cloudtrail\.amazonaws\.com s3:PutObject without a source condition: add aws:SourceArn \(the trail\), aws:SourceAccount or aws:SourceOrgID\.$/,
    "grants Config GetBucketAcl unscoped": /statement ConfigAcl grants config\.amazonaws\.com s3:GetBucketAcl without a source condition/,
    "lets CloudTrail write anywhere in the bucket": /statement AWSCloudTrailWrite lets cloudtrail\.amazonaws\.com write outside its AWSLogs\/<account>\/ prefix \(arn:aws:s3:::network-compliance-logs-123456789012-us-east-1\/\*\): confine Resource to <prefix>\/AWSLogs\/<account id>\/\*\.$/,
    "lets CloudTrail write without the ACL condition": /statement AWSCloudTrailWrite lets cloudtrail\.amazonaws\.com write without the ACL condition: add Condition StringEquals \{ "s3:x-amz-acl": "bucket-owner-full-control" \}\.$/,
    "lets Config write outside AWSLogs/<account>/Config/": /lets config\.amazonaws\.com write outside its AWSLogs\/<account>\/ prefix .*: confine Resource to <prefix>\/AWSLogs\/<account id>\/Config\/\*\.$/,
    "has no Object Lock": /has no Object Lock: create the bucket with objectLockEnabled: true and add a BucketObjectLockConfiguration default retention/,
    "has no access logging": /has no server access logging: add aws\.s3\.BucketLogging to a separate bucket/,
    "keeps noncurrent versions forever": /keeps noncurrent versions forever: add a lifecycle rule with noncurrentVersionExpiration\.noncurrentDays\.$/,
    "creates a key without rotation": /^KMS key key does not rotate: set enableKeyRotation: true\.$/,
};
