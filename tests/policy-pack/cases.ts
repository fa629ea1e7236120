import type { AnalyzerResource, PolicyConfigFile } from "../../tools/policy/analyzer";
import { resource } from "../support/fixtures";
import { DELIVERY_CASES, DELIVERY_KEY_CASES, DELIVERY_PENDING_CASES, DELIVERY_PENDING_MESSAGES } from "./deliveryCases";
import { configWrite } from "./vaultFixtures";
import {
    ACCESS_POINT_STYLES,
    ACCOUNT,
    ALL_BLOCKED,
    AUDIT,
    AccessPointSpec,
    AccessPointStyle,
    BucketSpec,
    KEY_ARN,
    KEY_STYLES,
    KeySpec,
    KeyStyle,
    PLAIN,
    STYLES,
    Style,
    UNKNOWN,
    cloudTrailWrite,
    compliantKey,
    compliantSpec,
    keyUrnOf,
    render,
    renderAccessPoint,
    renderKey,
    rootAdmin,
    tlsDeny,
} from "./styles";

/** One way to break one rule on one bucket, written in every declaration style that can express it. */
export interface BucketCase {
    policy: string;
    what: string;
    bucket: string;
    change: (name: string) => Partial<BucketSpec>;
    config?: PolicyConfigFile;
    /** The styles that can express the case; all when absent. */
    styles?: readonly Style[];
    /** The violation's text after the policy's description line. */
    message: RegExp;
    /** Other resources of the stack the case needs (a trail, a delivery channel, a log target), in the same style. */
    extra?: (name: string, style: Style) => AnalyzerResource[];
}

const SPLIT: readonly Style[] = ["v7 split resources", "deprecated V2 resources"];
const WITH_SPLIT_NATIVE: readonly Style[] = [...SPLIT, "aws-native"];
const AWS_ONLY: readonly Style[] = STYLES.filter((style) => style !== "aws-native");
const OTHER_ACCOUNT = "999999999999";
const NOT_V2_INLINE: readonly Style[] = STYLES.filter((style) => style !== "inline on aws.s3.BucketV2");

export const BUCKET_CASES: BucketCase[] = [
    { policy: "s3-bucket-blocks-public-access", what: "has no public access block", bucket: PLAIN, change: () => ({ publicAccessBlock: undefined }), message: /^bucket "website-assets" \(website-assets-bucket\) has no aws\.s3\.BucketPublicAccessBlock: add one for this bucket with blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true\.$/ },
    { policy: "s3-bucket-blocks-public-access", what: "leaves restrictPublicBuckets off", bucket: PLAIN, change: () => ({ publicAccessBlock: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: false } }), message: /^bucket "website-assets" \(website-assets-bucket\) leaves public access open: set restrictPublicBuckets: true on its BucketPublicAccessBlock\.$/ },
    { policy: "s3-bucket-owner-enforced", what: "has no ownership controls", bucket: PLAIN, change: () => ({ ownership: undefined }), message: /still honours ACLs \(it has no aws\.s3\.BucketOwnershipControls\): add BucketOwnershipControls with rule\.objectOwnership "BucketOwnerEnforced"\.$/ },
    { policy: "s3-bucket-owner-enforced", what: "uses ObjectWriter ownership", bucket: PLAIN, change: () => ({ ownership: "ObjectWriter" }), message: /still honours ACLs \(Object Ownership is ObjectWriter\)/ },
    { policy: "s3-bucket-versioning-enabled", what: "has no versioning", bucket: PLAIN, change: () => ({ versioning: undefined }), message: /is not versioned: add aws\.s3\.BucketVersioning with versioningConfiguration\.status "Enabled"\.$/ },
    { policy: "s3-bucket-versioning-enabled", what: "suspends versioning", bucket: PLAIN, styles: WITH_SPLIT_NATIVE, change: () => ({ versioning: "Suspended" }), message: /has versioning Suspended: set versioningConfiguration\.status to "Enabled" on its BucketVersioning\.$/ },
    { policy: "s3-bucket-versioning-enabled", what: "declares versioning inline with enabled: false", bucket: PLAIN, styles: ["inline on aws.s3.Bucket", "inline on aws.s3.BucketV2"], change: () => ({ versioning: "Disabled" }), message: /is not versioned/ },
    { policy: "s3-bucket-encryption-declared", what: "declares no encryption", bucket: PLAIN, change: () => ({ encryption: undefined }), message: /does not declare default encryption: add aws\.s3\.BucketServerSideEncryptionConfiguration \(sseAlgorithm "aws:kms" with bucketKeyEnabled: true, or "AES256"\)\.$/ },
    { policy: "s3-bucket-encryption-declared", what: "uses SSE-KMS without Bucket Key", bucket: PLAIN, change: () => ({ encryption: { algorithm: "aws:kms", kmsKeyId: KEY_ARN } }), message: /uses SSE-KMS without an S3 Bucket Key, which multiplies KMS requests and cost: set bucketKeyEnabled: true\.$/ },
    { policy: "s3-bucket-encryption-declared", what: "uses SSE-S3 where requireKms is on", bucket: PLAIN, config: { "s3-bucket-encryption-declared": { requireKms: true } }, change: () => ({ encryption: { algorithm: "AES256" } }), message: /is encrypted with AES256, but this pack requires SSE-KMS: set sseAlgorithm "aws:kms" and a customer managed key\.$/ },
    { policy: "s3-bucket-denies-insecure-transport", what: "has no bucket policy", bucket: PLAIN, change: () => ({ statements: undefined }), message: /accepts plain-HTTP requests: add a bucket policy statement \{ Effect: "Deny", Principal: "\*", Action: "s3:\*"/ },
    { policy: "s3-bucket-denies-insecure-transport", what: "has a policy without the TLS deny", bucket: PLAIN, change: (name) => ({ statements: [cloudTrailWrite(name)] }), message: /accepts plain-HTTP requests/ },
    { policy: "s3-bucket-denies-insecure-transport", what: "denies only when TLS is used (true)", bucket: PLAIN, change: (name) => ({ statements: [{ ...tlsDeny(name), Condition: { Bool: { "aws:SecureTransport": "true" } } }] }), message: /accepts plain-HTTP requests/ },
    { policy: "s3-bucket-denies-insecure-transport", what: "denies plain HTTP on another bucket only", bucket: PLAIN, change: () => ({ statements: [tlsDeny("another-bucket")] }), message: /accepts plain-HTTP requests/ },
    { policy: "s3-policy-no-public-principal", what: "allows Principal * to read", bucket: PLAIN, change: (name) => ({ statements: [tlsDeny(name), { Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${name}/*` }] }), message: /^Statement Public of website-assets-(policy|bucket) allows anyone \(s3:GetObject\): name the principals, or add a condition on one of aws:SourceArn, / },
    { policy: "s3-policy-no-public-principal", what: "allows {AWS: *} to write", bucket: PLAIN, change: (name) => ({ statements: [tlsDeny(name), { Sid: "AnyAws", Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${name}/*` }] }), message: /^Statement AnyAws of website-assets-(policy|bucket) allows anyone \(s3:PutObject\)/ },
    { policy: "s3-policy-no-public-principal", what: "allows everyone but one role through NotPrincipal", bucket: PLAIN, change: (name) => ({ statements: [tlsDeny(name), { Sid: "AllBut", Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/x` }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${name}/*` }] }), message: /^Statement AllBut of website-assets-(policy|bucket) allows anyone/ },
    { policy: "s3-policy-no-public-principal", what: "has a policy that is not JSON", bucket: PLAIN, styles: AWS_ONLY, change: () => ({ policyDocument: "{ not json" }), message: /^The policy of website-assets-(policy|bucket) is not valid JSON, so it cannot be checked: fix the document\.$/ },
    { policy: "s3-policy-no-cross-account-admin", what: "lets another account change the bucket policy", bucket: PLAIN, config: { "s3-policy-no-cross-account-admin": { accountIds: [ACCOUNT] } }, change: (name) => ({ statements: [tlsDeny(name), { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "s3:PutBucketPolicy", Resource: `arn:aws:s3:::${name}` }] }), message: /^statement Admin of bucket "website-assets" \(website-assets-bucket\) grants s3:PutBucketPolicy to arn:aws:iam::999999999999:root of account 999999999999, outside the bucket's account \(123456789012\): remove the grant, or grant read-only actions\.$/ },
    { policy: "s3-policy-no-cross-account-admin", what: "gives another account s3:* by account id", bucket: PLAIN, config: { "s3-policy-no-cross-account-admin": { accountIds: [ACCOUNT] } }, change: (name) => ({ statements: [tlsDeny(name), { Sid: "All", Effect: "Allow", Principal: { AWS: OTHER_ACCOUNT }, Action: "s3:*", Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`] }] }), message: /grants s3:PutBucketPolicy, .*s3:DeleteBucket, s3:DeleteObjectVersion to 999999999999 of account 999999999999/ },
    { policy: "s3-policy-no-cross-account-admin", what: "lets the whole organization delete object versions", bucket: PLAIN, config: { "s3-policy-no-cross-account-admin": { accountIds: [ACCOUNT] } }, change: (name) => ({ statements: [tlsDeny(name), { Sid: "Org", Effect: "Allow", Principal: "*", Action: "s3:DeleteObjectVersion", Resource: `arn:aws:s3:::${name}/*`, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }] }), message: /statement Org of .* grants s3:DeleteObjectVersion to principals outside its account: grant them to roles of the bucket's account only\.$/ },
    { policy: "s3-policy-no-lockout", what: "denies everyone every S3 action with no condition", bucket: PLAIN, change: (name) => ({ statements: [tlsDeny(name), { Sid: "LockAll", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`] }] }), message: /^Statement LockAll of website-assets-(policy|bucket) denies s3:PutBucketPolicy to everyone on the bucket with no condition: only the owner account's root user could change or remove the policy\. Name the principals to deny, add a condition, or leave s3:PutBucketPolicy out\.$/ },
    { policy: "s3-policy-no-lockout", what: "denies policy changes to everyone but the account root through NotPrincipal", bucket: PLAIN, change: (name) => ({ statements: [tlsDeny(name), { Sid: "AllButRoot", Effect: "Deny", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "s3:PutBucketPolicy", Resource: `arn:aws:s3:::${name}` }] }), message: /^Statement AllButRoot of website-assets-(policy|bucket) denies s3:PutBucketPolicy to everyone but arn:aws:iam::123456789012:root on the bucket with no condition/ },
    { policy: "s3-policy-no-lockout", what: "denies its account (by id) every action on the bucket", bucket: PLAIN, change: (name) => ({ statements: [tlsDeny(name), { Sid: "DenyAccount", Effect: "Deny", Principal: { AWS: ACCOUNT }, Action: "*", Resource: `arn:aws:s3:::${name}` }] }), message: /^Statement DenyAccount of website-assets-(policy|bucket) denies s3:PutBucketPolicy to every principal of 123456789012 on the bucket with no condition/ },
    { policy: "s3-no-public-acl", what: "sets a public-read ACL", bucket: PLAIN, change: () => ({ acl: "public-read" }), message: /^website-assets-(acl|bucket) sets the canned ACL "(public-read|PublicRead)", which makes it public: remove the ACL/ },
    { policy: "s3-bucket-no-force-destroy", what: "sets forceDestroy", bucket: PLAIN, styles: AWS_ONLY, change: () => ({ forceDestroy: true }), message: /^website-assets-bucket sets forceDestroy: true, so a destroy or replacement deletes all its objects: remove it \(or set false\)\.$/ },
    { policy: "audit-log-retention", what: "expires audit logs after 30 days", bucket: AUDIT, change: () => ({ lifecycle: [{ id: "short", enabled: true, expirationDays: 30, noncurrentDays: 30, abortDays: 7 }] }), message: /: lifecycle rule short expires logs after 30 days, shorter than the required 365: set expiration\.days to 365 or more\.$/ },
    { policy: "audit-log-retention", what: "expires logs earlier than a configured 800 days", bucket: AUDIT, config: { "audit-log-retention": { minRetentionDays: 800 } }, change: () => ({}), message: /: lifecycle rule expire expires logs after 400 days, shorter than the required 800/ },
    { policy: "audit-log-retention", what: "expires logs of a purpose-tagged bucket on a date", bucket: "logs-by-tag", change: () => ({ tags: { purpose: "audit-logs" }, lifecycle: [{ id: "dated", enabled: true, expirationDate: "2027-01-01T00:00:00Z", noncurrentDays: 30, abortDays: 7 }] }), message: /^bucket "logs-by-tag" \(logs-by-tag-bucket\): lifecycle rule dated expires logs on a fixed date \(2027-01-01T00:00:00Z\): use expiration\.days of at least 365\.$/ },
    { policy: "audit-log-service-grants-scoped", what: "grants CloudTrail without a source condition", bucket: AUDIT, change: (name) => ({ statements: [tlsDeny(name), { ...cloudTrailWrite(name), Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } } }] }), message: /statement AWSCloudTrailWrite grants cloudtrail\.amazonaws\.com s3:PutObject without a source condition: add aws:SourceArn \(the trail\), aws:SourceAccount or aws:SourceOrgID\.$/ },
    { policy: "audit-log-service-grants-scoped", what: "grants Config GetBucketAcl unscoped", bucket: AUDIT, change: (name) => ({ statements: [tlsDeny(name), { Sid: "ConfigAcl", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: `arn:aws:s3:::${name}` }] }), message: /statement ConfigAcl grants config\.amazonaws\.com s3:GetBucketAcl without a source condition/ },
    { policy: "audit-log-deliveries-confined", what: "lets CloudTrail write anywhere in the bucket", bucket: AUDIT, change: (name) => ({ statements: [tlsDeny(name), { ...cloudTrailWrite(name), Resource: `arn:aws:s3:::${name}/*` }] }), message: /statement AWSCloudTrailWrite lets cloudtrail\.amazonaws\.com write outside its AWSLogs\/<account>\/ prefix \(arn:aws:s3:::network-compliance-logs-123456789012-us-east-1\/\*\): confine Resource to <prefix>\/AWSLogs\/<account id>\/\*\.$/ },
    { policy: "audit-log-deliveries-confined", what: "lets an organization trail write under another organization's member path", bucket: AUDIT, change: (name) => ({ statements: [tlsDeny(name), { ...cloudTrailWrite(name), Resource: `arn:aws:s3:::${name}/cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/21098765432/*` }] }), message: /write outside its AWSLogs\/<account>\/ prefix/ },
    { policy: "audit-log-deliveries-confined", what: "lets CloudTrail write without the ACL condition", bucket: AUDIT, change: (name) => ({ statements: [tlsDeny(name), { ...cloudTrailWrite(name), Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:123456789012:trail/main" } } }] }), message: /statement AWSCloudTrailWrite lets cloudtrail\.amazonaws\.com write without the ACL condition: add Condition StringEquals \{ "s3:x-amz-acl": "bucket-owner-full-control" \}\.$/ },
    { policy: "audit-log-deliveries-confined", what: "lets Config of any account write under AWSLogs/*/Config/ without an organization scope", bucket: AUDIT, change: (name) => ({ statements: [tlsDeny(name), { Sid: "ConfigOrgWrite", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${name}/config-logs/AWSLogs/*/Config/*`, Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceOrgID": "*" } } }] }), message: /statement ConfigOrgWrite lets config\.amazonaws\.com write outside its AWSLogs\/<account>\/ prefix \(arn:aws:s3:::network-compliance-logs-123456789012-us-east-1\/config-logs\/AWSLogs\/\*\/Config\/\*\)/ },
    { policy: "audit-log-deliveries-confined", what: "lets Config write outside AWSLogs/<account>/Config/", bucket: AUDIT, change: (name) => ({ statements: [tlsDeny(name), { Sid: "ConfigWrite", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${name}/config-logs/*`, Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": ACCOUNT } } }] }), message: /lets config\.amazonaws\.com write outside its AWSLogs\/<account>\/ prefix .*: confine Resource to <prefix>\/AWSLogs\/<account id>\/Config\/\*\.$/ },
    { policy: "audit-log-no-website", what: "serves a website", bucket: AUDIT, change: () => ({ website: true }), message: /^bucket "network-compliance-logs-123456789012-us-east-1" \(network-compliance-logs-123456789012-us-east-1-bucket\) has a website configuration \(.*\): remove it\.$/ },
    { policy: "audit-log-no-cors", what: "has a CORS configuration", bucket: AUDIT, change: () => ({ cors: true }), message: /has a CORS configuration \(.*\): remove it\.$/ },
    { policy: "audit-log-access-logs-not-self", what: "delivers its access logs into itself", bucket: AUDIT, change: (name) => ({ logging: { targetBucket: name } }), message: /delivers its server access logs into itself: set the target bucket to a separate access-log bucket\.$/ },
    // Not replicated either: a replica outside the stack might be a locked vault, which leaves the rule undecided.
    { policy: "audit-log-object-lock", what: "has no Object Lock", bucket: AUDIT, change: () => ({ objectLock: undefined, replication: false }), message: /has no Object Lock: create the bucket with objectLockEnabled: true and add a BucketObjectLockConfiguration default retention/ },
    { policy: "audit-log-object-lock", what: "locks objects for fewer days than minObjectLockDays", bucket: AUDIT, config: { "audit-log-object-lock": { minObjectLockDays: 365 } }, change: () => ({}), message: /keeps objects locked 30 days by default, shorter than the required 365: set defaultRetention\.days to 365 or more\.$/ },
    { policy: "audit-log-object-lock", what: "uses GOVERNANCE mode where COMPLIANCE is required", bucket: AUDIT, config: { "audit-log-object-lock": { requireComplianceMode: true } }, change: () => ({}), message: /uses Object Lock mode GOVERNANCE, which a privileged user can bypass: set defaultRetention\.mode to "COMPLIANCE"\.$/ },
    { policy: "audit-log-access-logging", what: "has no access logging", bucket: AUDIT, change: () => ({ logging: undefined }), message: /has no server access logging: add aws\.s3\.BucketLogging to a separate bucket/ },
    { policy: "audit-log-noncurrent-expiration", what: "keeps noncurrent versions forever", bucket: AUDIT, change: () => ({ lifecycle: [{ id: "expire", enabled: true, expirationDays: 400, abortDays: 7 }] }), message: /keeps noncurrent versions forever: add a lifecycle rule with noncurrentVersionExpiration\.noncurrentDays\.$/ },
    { policy: "audit-log-abort-incomplete-uploads", what: "keeps failed multipart uploads", bucket: AUDIT, change: () => ({ lifecycle: [{ id: "expire", enabled: true, expirationDays: 400, noncurrentDays: 30 }] }), message: /keeps the parts of failed multipart uploads forever: add a lifecycle rule with abortIncompleteMultipartUpload\.daysAfterInitiation\.$/ },
    // AWS-S3-600, AWS-S3-601: an audit-log bucket should declare SSE-C blocked; aws.s3.BucketV2's inline rule cannot say it
    { policy: "audit-log-blocks-sse-c", what: "leaves SSE-C to S3's default", bucket: AUDIT, styles: NOT_V2_INLINE, change: () => ({ encryption: { algorithm: "aws:kms", kmsKeyId: KEY_ARN, bucketKey: true } }), message: /^bucket "network-compliance-logs-123456789012-us-east-1" \(network-compliance-logs-123456789012-us-east-1-bucket\) does not declare SSE-C blocked, so it depends on S3's default, which covers only buckets created since April 2026: set blockedEncryptionTypes: \["SSE-C"\] on its default encryption rule\.$/ },
    { policy: "audit-log-blocks-sse-c", what: "unblocks SSE-C", bucket: AUDIT, styles: NOT_V2_INLINE, change: () => ({ encryption: { algorithm: "AES256", blocked: ["NONE"] } }), message: /unblocks SSE-C uploads \(blockedEncryptionTypes \["NONE"\]\): set blockedEncryptionTypes: \["SSE-C"\]/ },
    { policy: "audit-log-replication", what: "is not replicated", bucket: AUDIT, change: () => ({ replication: false }), message: /is not replicated: add aws\.s3\.BucketReplicationConfig/ },
    { policy: "s3-config-delivery-no-object-lock", what: "lets Config deliver into a bucket with Object Lock (AWS-CFG-150)", bucket: AUDIT, change: (name) => ({ statements: [tlsDeny(name), cloudTrailWrite(name), configWrite(name)] }), message: /^bucket "network-compliance-logs-123456789012-us-east-1" \(network-compliance-logs-123456789012-us-east-1-bucket\) has Object Lock enabled and receives AWS Config \(its bucket policy's statement AWSConfigWrite lets config\.amazonaws\.com s3:PutObject\), but "AWS Config does not support the delivery channel to an Amazon S3 bucket where object lock is enabled" \(AWS CloudFormation reference, AWS::Config::DeliveryChannel\): Config would deliver nothing\. S3 cannot turn Object Lock off, so deliver Config to a bucket without it, and replicate the bucket into an Object-Locked vault bucket in another region instead \(vaultRegion in this package's component\)\.$/ },
    { policy: "s3-config-delivery-no-object-lock", what: "locks a bucket whose policy lets Config write with s3:Put*", bucket: PLAIN, change: (name) => ({ statements: [tlsDeny(name), { ...configWrite(name), Action: "s3:Put*" }] }), message: /^bucket "website-assets" \(website-assets-bucket\) has Object Lock enabled and receives AWS Config/ },
    { policy: "audit-log-event-notifications", what: "sends no event notifications", bucket: AUDIT, change: () => ({ notification: false }), message: /sends no event notifications: add aws\.s3\.BucketNotification/ },
    ...DELIVERY_CASES,
];

/** The bucket of a case, written in one style. */
export function caseResources(row: BucketCase, style: Style, options: { unknownBucketIds?: boolean } = {}): AnalyzerResource[] {
    return [...render(compliantSpec(row.bucket, row.change(row.bucket)), style, options), ...(row.extra?.(row.bucket, style) ?? [])];
}

/** Cases about keys: each rule, each way a key and its policy can be declared. */
export interface KeyCase {
    policy: string;
    what: string;
    /** The resources: an audit-log bucket using the key (for the audit-log key rules), or the key alone. */
    resources: (style: KeyStyle) => AnalyzerResource[];
    styles?: readonly KeyStyle[];
    message: RegExp;
}

/** An audit-log bucket encrypted with the stack's key `key`, joined by property dependency as for a created key. */
export function auditBucketWithKey(key: KeySpec, style: KeyStyle, bucketStyle: Style = "v7 split resources"): AnalyzerResource[] {
    const keyResources = renderKey(key, style);
    return [...keyResources, ...render(compliantSpec(AUDIT, { encryption: { algorithm: "aws:kms", kmsKeyId: UNKNOWN, bucketKey: true, keyUrn: keyUrnOf(key, style) } }), bucketStyle)];
}

export const KEY_CASES: KeyCase[] = [
    { policy: "kms-key-rotation-enabled", what: "creates a key without rotation", resources: (style) => renderKey(compliantKey("logs-key", { rotation: false }), style), message: /^KMS key logs-key does not rotate: set enableKeyRotation: true\.$/ },
    { policy: "kms-key-rotation-enabled", what: "leaves rotation unset", resources: (style) => renderKey(compliantKey("logs-key", { rotation: undefined }), style), message: /does not rotate/ },
    { policy: "kms-key-policy-no-public-principal", what: 'lets {"AWS": "*"} decrypt', resources: (style) => renderKey(compliantKey("logs-key", { statements: [rootAdmin(), { Sid: "Anyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }] }), style), message: /^Statement Anyone of logs-key(-policy)? allows anyone \(kms:Decrypt\): name the principals, or add a condition/ },
    { policy: "kms-key-policy-no-public-principal", what: "has a key policy that is not JSON", styles: ["aws.kms.Key", "aws.kms.Key with aws.kms.KeyPolicy"], resources: (style) => renderKey(compliantKey("logs-key", { policyDocument: "nope" }), style), message: /^The key policy of logs-key(-policy)? is not valid JSON/ },
    { policy: "kms-key-no-lockout-bypass", what: "bypasses the policy lockout safety check", resources: (style) => renderKey(compliantKey("logs-key", { bypass: true }), style), message: /^logs-key(-policy)? sets bypassPolicyLockoutSafetyCheck: true: remove it, and keep a statement that lets the account administer the key\.$/ },
    { policy: "kms-key-single-region", what: "creates a multi-Region key", resources: (style) => renderKey(compliantKey("logs-key"), style).map((r) => (r.name === "logs-key" ? { ...r, properties: { ...r.properties, multiRegion: true } } : r)), message: /^KMS key logs-key is a multi-Region key: create it with multiRegion: false unless another region must decrypt the logs\.$/ },
    { policy: "audit-log-key-enabled", what: "encrypts an audit-log bucket with a disabled key", resources: (style) => auditBucketWithKey(compliantKey("logs-key", { enabled: false }), style), message: /is encrypted with KMS key logs-key, which is disabled: set (isEnabled|enabled): true\.$/ },
    { policy: "audit-log-key-deletion-window", what: "encrypts an audit-log bucket with a key deleted after 7 days", resources: (style) => auditBucketWithKey(compliantKey("logs-key", { deletionWindow: 7 }), style), message: /is encrypted with KMS key logs-key, deleted 7 days after it is scheduled: set (deletionWindowInDays|pendingWindowInDays): 30\.$/ },
    { policy: "kms-key-policy-defined", what: "creates a key without a key policy", styles: ["aws.kms.Key", "aws-native"], resources: (style) => renderKey(compliantKey("logs-key", { statements: undefined }), style), message: /^KMS key logs-key has no key policy, so it gets the default one, under which any IAM policy of the account can grant its use: set (policy|keyPolicy), or add an aws\.kms\.KeyPolicy for it\.$/ },
    ...DELIVERY_KEY_CASES,
];

/** Cases whose resources do not depend on a key style. */
export const OTHER_CASES: { policy: string; what: string; resources: () => AnalyzerResource[]; message: RegExp }[] = [
    { policy: "audit-log-key-customer-managed", what: "encrypts an audit-log bucket with the AWS managed key by alias", resources: () => render(compliantSpec(AUDIT, { encryption: { algorithm: "aws:kms", kmsKeyId: "alias/aws/s3", bucketKey: true } }), "v7 split resources"), message: /is encrypted with the AWS managed key aws\/s3, whose policy any principal of the account with S3 access can use: set kmsMasterKeyId to a customer managed key\.$/ },
    { policy: "audit-log-key-customer-managed", what: "encrypts an audit-log bucket with SSE-KMS and no key id", resources: () => render(compliantSpec(AUDIT, { encryption: { algorithm: "aws:kms", bucketKey: true } }), "aws-native"), message: /AWS managed key aws\/s3/ },
    { policy: "s3-no-public-acl", what: "grants AllUsers write through a BucketAcl", resources: () => [...render(compliantSpec(PLAIN), "v7 split resources"), resource("aws:s3/bucketAcl:BucketAcl", "grant", { bucket: PLAIN, accessControlPolicy: { grants: [{ grantee: { type: "CanonicalUser", id: "abc" }, permission: "FULL_CONTROL" }, { grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "WRITE" }], owner: { id: "x" } } })], message: /^grant grants WRITE to AllUsers: remove the grant\.$/ },
    { policy: "s3-no-public-acl", what: "grants AuthenticatedUsers inline on a bucket", resources: () => render(compliantSpec(PLAIN), "inline on aws.s3.BucketV2").map((r) => (r.type === "aws:s3/bucketV2:BucketV2" ? { ...r, properties: { ...r.properties, grants: [{ type: "Group", uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", permissions: ["READ", "WRITE_ACP"] }, { type: "CanonicalUser", id: "abc", permissions: ["FULL_CONTROL"] }] } } : r)), message: /^website-assets-bucket grants READ\/WRITE_ACP to AuthenticatedUsers: remove the grant\.$/ },
    { policy: "s3-no-public-acl", what: "uploads a public-read-write object", resources: () => [...render(compliantSpec(PLAIN), "v7 split resources"), resource("aws:s3/bucketObjectv2:BucketObjectv2", "obj", { bucket: PLAIN, key: "a", acl: "public-read-write" })], message: /^obj sets the canned ACL "public-read-write", which makes it public/ },
    { policy: "s3-no-public-acl", what: "sets AuthenticatedRead on an aws-native bucket", resources: () => render(compliantSpec(PLAIN, { acl: "authenticated-read" }), "aws-native"), message: /^website-assets-bucket sets the canned ACL "AuthenticatedRead"/ },
    { policy: "audit-log-replication", what: "replicates with its only rule disabled", resources: () => render(compliantSpec(AUDIT), "inline on aws.s3.Bucket").map((r) => (r.type === "aws:s3/bucket:Bucket" ? { ...r, properties: { ...r.properties, replicationConfiguration: { role: "r", rules: [{ id: "x", status: "Disabled", destination: { bucket: "arn:aws:s3:::replica" } }] } } } : r)), message: /is not replicated/ },
    { policy: "audit-log-object-lock", what: "enables Object Lock without a default retention", resources: () => render(compliantSpec(AUDIT, { objectLock: undefined, replication: false }), "v7 split resources").map((r) => (r.type === "aws:s3/bucket:Bucket" ? { ...r, properties: { ...r.properties, objectLockEnabled: true } } : r)), message: /has Object Lock enabled but no default retention: create the bucket with objectLockEnabled: true and add a BucketObjectLockConfiguration default retention/ },
    // AWS-CFG-151: a delivery channel's s3BucketName is where Config delivers.
    {
        policy: "s3-config-delivery-no-object-lock",
        what: "names an Object-Lock bucket in its Config delivery channel, by name",
        resources: () => [...render(compliantSpec(PLAIN, { objectLock: undefined }), "v7 split resources").map((r) => (r.type === "aws:s3/bucket:Bucket" ? { ...r, properties: { ...r.properties, objectLockEnabled: true } } : r)), resource("aws:cfg/deliveryChannel:DeliveryChannel", "config-channel", { name: "default", s3BucketName: PLAIN })],
        message: /has Object Lock enabled and receives AWS Config \(Config delivery channel config-channel names it\)/,
    },
    {
        policy: "s3-config-delivery-no-object-lock",
        what: "names an Object-Lock bucket in an aws-native delivery channel, by dependency",
        resources: () => {
            const bucket = render(compliantSpec(AUDIT), "aws-native");
            return [...bucket, resource("aws-native:configuration:DeliveryChannel", "native-channel", { s3BucketName: UNKNOWN }, { propertyDependencies: { s3BucketName: [bucket[0].urn] } })];
        },
        message: /receives AWS Config \(Config delivery channel native-channel names it\)/,
    },
    { policy: "s3-account-blocks-public-access", what: "turns one account-level setting off", resources: () => [resource("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account-pab", { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true })], message: /^account-pab leaves public access open for the whole account: set blockPublicPolicy: true\.$/ },
];

/** Cases about access points: each way to leave public access open, in each declaration style that can express it. */
export interface AccessPointCase {
    policy: string;
    what: string;
    spec: AccessPointSpec;
    styles?: readonly AccessPointStyle[];
    message: RegExp;
}

const NATIVE_ACCESS_POINTS: readonly AccessPointStyle[] = ["aws-native AccessPoint", "aws-native MultiRegionAccessPoint"];

export const ACCESS_POINT_CASES: AccessPointCase[] = [
    { policy: "s3-access-point-blocks-public-access", what: "turns blockPublicPolicy off", spec: { name: "reports-ap", block: { ...ALL_BLOCKED, blockPublicPolicy: false } }, message: /^reports-ap leaves public access open through the access point: set blockPublicPolicy: true in its (publicAccessBlockConfiguration|details\.publicAccessBlock) \(the access point is replaced to change it\)\.$/ },
    { policy: "s3-access-point-blocks-public-access", what: "turns every setting off", spec: { name: "reports-ap", block: { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false } }, message: /set blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true in its/ },
    { policy: "s3-access-point-blocks-public-access", what: "gives a block without restrictPublicBuckets, which CloudFormation does not default to on", styles: NATIVE_ACCESS_POINTS, spec: { name: "reports-ap", block: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true } }, message: /^reports-ap leaves public access open through the access point: set restrictPublicBuckets: true in its publicAccessBlockConfiguration/ },
];

export { ACCESS_POINT_STYLES };

export { KEY_STYLES, STYLES };

/**
 * Preview cases: a value the verdict depends on is not known until `pulumi up`. The rule must say so, as advisory, on
 * that resource only; nothing mandatory, and no policy may fail as a whole ("can't run during preview").
 */
export interface PendingCase {
    policy: string;
    what: string;
    resources: () => AnalyzerResource[];
    /** The name of the resource the pending verdict is about. */
    on: string;
}

const pendingBucket = (policy: string, what: string, change: (name: string) => Partial<BucketSpec>, style: Style = "v7 split resources", role = "bucket"): PendingCase => ({
    policy,
    what: `${what} (${style})`,
    resources: () => render(compliantSpec(AUDIT, change(AUDIT)), style, { unknownBucketIds: true }),
    on: `${AUDIT}-${role}`,
});

export const PENDING_CASES: PendingCase[] = [
    pendingBucket("s3-bucket-blocks-public-access", "restrictPublicBuckets is unknown", () => ({ publicAccessBlock: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: UNKNOWN } })),
    pendingBucket("s3-bucket-blocks-public-access", "restrictPublicBuckets is unknown", () => ({ publicAccessBlock: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: UNKNOWN } }), "aws-native"),
    pendingBucket("s3-bucket-owner-enforced", "the ownership is unknown", () => ({ ownership: UNKNOWN })),
    pendingBucket("s3-bucket-owner-enforced", "the ownership is unknown", () => ({ ownership: UNKNOWN }), "aws-native"),
    pendingBucket("s3-bucket-versioning-enabled", "the status is unknown", () => ({ versioning: UNKNOWN })),
    pendingBucket("s3-bucket-versioning-enabled", "inline enabled is unknown", () => ({ versioning: UNKNOWN }), "inline on aws.s3.Bucket"),
    pendingBucket("s3-bucket-encryption-declared", "the algorithm is unknown", () => ({ encryption: { algorithm: UNKNOWN } })),
    pendingBucket("audit-log-blocks-sse-c", "the blocked types are unknown", () => ({ encryption: { algorithm: "aws:kms", kmsKeyId: KEY_ARN, bucketKey: true, blocked: UNKNOWN } })),
    pendingBucket("audit-log-blocks-sse-c", "the blocked types are unknown", () => ({ encryption: { algorithm: "aws:kms", kmsKeyId: KEY_ARN, bucketKey: true, blocked: UNKNOWN } }), "aws-native"),
    pendingBucket("s3-bucket-encryption-declared", "bucketKeyEnabled is unknown", () => ({ encryption: { algorithm: "aws:kms", kmsKeyId: KEY_ARN, bucketKey: UNKNOWN } }), "aws-native"),
    pendingBucket("s3-bucket-denies-insecure-transport", "the policy is unknown", () => ({ policyDocument: UNKNOWN })),
    pendingBucket("s3-bucket-denies-insecure-transport", "the inline policy is unknown", () => ({ policyDocument: UNKNOWN }), "inline on aws.s3.BucketV2"),
    pendingBucket("s3-policy-no-public-principal", "the policy is unknown", () => ({ policyDocument: UNKNOWN }), "v7 split resources", "policy"),
    pendingBucket("s3-policy-no-public-principal", "the policy is unknown", () => ({ policyDocument: UNKNOWN }), "aws-native", "policy"),
    pendingBucket("s3-policy-no-cross-account-admin", "the policy is unknown", () => ({ policyDocument: UNKNOWN })),
    // A bucket whose name does not show its account (the component's naming would: the account is then learnt).
    {
        policy: "s3-policy-no-cross-account-admin",
        what: "the bucket's account is unknown (v7 split resources)",
        resources: () => render(compliantSpec(PLAIN, { statements: [tlsDeny(PLAIN), { Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "s3:PutBucketAcl", Resource: `arn:aws:s3:::${PLAIN}` }] }), "v7 split resources", { unknownBucketIds: true }),
        on: `${PLAIN}-bucket`,
    },
    pendingBucket("s3-no-public-acl", "the canned ACL is unknown", () => ({ acl: UNKNOWN }), "inline on aws.s3.Bucket"),
    pendingBucket("s3-bucket-no-force-destroy", "forceDestroy is unknown", () => ({ forceDestroy: UNKNOWN }), "inline on aws.s3.Bucket"),
    pendingBucket("audit-log-retention", "the expiration is unknown", () => ({ lifecycle: [{ id: "expire", enabled: true, expirationDays: UNKNOWN, noncurrentDays: 30, abortDays: 7 }] })),
    pendingBucket("audit-log-retention", "the expiration is unknown", () => ({ lifecycle: [{ id: "expire", enabled: true, expirationDays: UNKNOWN, noncurrentDays: 30, abortDays: 7 }] }), "inline on aws.s3.BucketV2"),
    pendingBucket("audit-log-service-grants-scoped", "the policy is unknown", () => ({ policyDocument: UNKNOWN })),
    pendingBucket("audit-log-deliveries-confined", "the policy is unknown", () => ({ policyDocument: UNKNOWN }), "aws-native"),
    pendingBucket("audit-log-deliveries-confined", "a CloudTrail grant's resource is unknown", (name) => ({ statements: [tlsDeny(name), { ...cloudTrailWrite(name), Resource: UNKNOWN }] }), "aws-native"),
    pendingBucket("audit-log-access-logs-not-self", "the log target is unknown", () => ({ logging: { targetBucket: UNKNOWN } })),
    pendingBucket("audit-log-object-lock", "the retention is unknown", () => ({ objectLock: { mode: "GOVERNANCE", days: UNKNOWN } })),
    pendingBucket("audit-log-noncurrent-expiration", "the noncurrent days are unknown", () => ({ lifecycle: [{ id: "expire", enabled: true, expirationDays: 400, noncurrentDays: UNKNOWN, abortDays: 7 }] })),
    pendingBucket("audit-log-abort-incomplete-uploads", "the abort days are unknown", () => ({ lifecycle: [{ id: "expire", enabled: true, expirationDays: 400, noncurrentDays: 30, abortDays: UNKNOWN }] }), "aws-native"),
    {
        policy: "audit-log-deliveries-confined",
        what: "a bucket whose name is unknown lets CloudTrail write anywhere (aws-native)",
        resources: () =>
            render(compliantSpec("any", { statements: [tlsDeny("any"), { ...cloudTrailWrite("any"), Resource: "arn:aws:s3:::any/*" }] }), "aws-native", { unknownBucketIds: true }).map((r) =>
                r.type === "aws-native:s3:Bucket" ? { ...r, properties: { ...r.properties, bucketName: UNKNOWN } } : r,
            ),
        on: "any-bucket",
    },
    {
        policy: "audit-log-retention",
        what: "a bucket whose name is unknown expires logs after 30 days",
        resources: () =>
            render(compliantSpec("any", { lifecycle: [{ id: "short", enabled: true, expirationDays: 30, noncurrentDays: 30, abortDays: 7 }] }), "v7 split resources", { unknownBucketIds: true }).map((r) =>
                r.type === "aws:s3/bucket:Bucket" ? { ...r, properties: { ...r.properties, bucket: UNKNOWN } } : r,
            ),
        on: "any-bucket",
    },
    { policy: "s3-no-public-acl", what: "a grantee is unknown", resources: () => [resource("aws:s3/bucketAcl:BucketAcl", "grant", { bucket: PLAIN, accessControlPolicy: { grants: [{ grantee: { type: "Group", uri: UNKNOWN }, permission: "READ" }] } })], on: "grant" },
    { policy: "kms-key-rotation-enabled", what: "rotation is unknown", resources: () => renderKey(compliantKey("logs-key", { rotation: UNKNOWN }), "aws.kms.Key"), on: "logs-key" },
    { policy: "kms-key-policy-no-public-principal", what: "the key policy is unknown", resources: () => renderKey(compliantKey("logs-key", { policyDocument: UNKNOWN }), "aws.kms.Key with aws.kms.KeyPolicy"), on: "logs-key-policy" },
    { policy: "kms-key-single-region", what: "multiRegion is unknown", resources: () => renderKey(compliantKey("logs-key"), "aws-native").map((r) => ({ ...r, properties: { ...r.properties, multiRegion: UNKNOWN } })), on: "logs-key" },
    { policy: "kms-key-no-lockout-bypass", what: "the bypass flag is unknown", resources: () => renderKey(compliantKey("logs-key", { bypass: UNKNOWN }), "aws-native"), on: "logs-key" },
    { policy: "audit-log-key-enabled", what: "the key's enabled flag is unknown", resources: () => auditBucketWithKey(compliantKey("logs-key", { enabled: UNKNOWN }), "aws.kms.Key"), on: `${AUDIT}-bucket` },
    {
        policy: "audit-log-key-enabled",
        what: "the key ARN is unknown, without a dependency, and a key of the stack is disabled",
        resources: () => [...renderKey(compliantKey("off-key", { enabled: false }), "aws.kms.Key"), ...render(compliantSpec(AUDIT, { encryption: { algorithm: "aws:kms", kmsKeyId: UNKNOWN, bucketKey: true } }), "v7 split resources")],
        on: `${AUDIT}-bucket`,
    },
    { policy: "audit-log-key-deletion-window", what: "the deletion window is unknown", resources: () => auditBucketWithKey(compliantKey("logs-key", { deletionWindow: UNKNOWN }), "aws-native"), on: `${AUDIT}-bucket` },
    { policy: "s3-account-blocks-public-access", what: "a setting is unknown", resources: () => [resource("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account-pab", { blockPublicAcls: true, blockPublicPolicy: UNKNOWN, ignorePublicAcls: true, restrictPublicBuckets: true })], on: "account-pab" },
    pendingBucket("s3-policy-no-lockout", "the policy is unknown", () => ({ policyDocument: UNKNOWN }), "v7 split resources", "policy"),
    pendingBucket("s3-policy-no-lockout", "a deny to everyone names a resource not known yet", (name) => ({ statements: [tlsDeny(name), { Sid: "LockAll", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: UNKNOWN }] }), "aws-native", "policy"),
    pendingBucket("s3-policy-no-lockout", "an inline deny of s3:* names its principal by a value not known yet", (name) => ({ statements: [tlsDeny(name), { Sid: "LockAll", Effect: "Deny", Principal: { AWS: UNKNOWN }, Action: "s3:*", Resource: `arn:aws:s3:::${name}` }] }), "inline on aws.s3.Bucket"),
    {
        policy: "kms-key-policy-defined",
        what: "a key has no policy and a KeyPolicy names a key not known yet",
        resources: () => renderKey(compliantKey("logs-key"), "aws.kms.Key with aws.kms.KeyPolicy").map((r) => ({ ...r, propertyDependencies: {} })),
        on: "logs-key",
    },
    {
        policy: "s3-config-delivery-no-object-lock",
        what: "a delivery channel names a bucket not known yet, and a bucket has Object Lock",
        resources: () => [...render(compliantSpec(AUDIT), "v7 split resources"), resource("aws:cfg/deliveryChannel:DeliveryChannel", "config-channel", { s3BucketName: UNKNOWN })],
        on: `${AUDIT}-bucket`,
    },
    {
        policy: "s3-config-delivery-no-object-lock",
        what: "Config writes to a bucket whose objectLockEnabled is not known yet",
        resources: () => render(compliantSpec(AUDIT, { objectLock: undefined, statements: [tlsDeny(AUDIT), configWrite(AUDIT)] }), "v7 split resources").map((r) => (r.type === "aws:s3/bucket:Bucket" ? { ...r, properties: { ...r.properties, objectLockEnabled: UNKNOWN } } : r)),
        on: `${AUDIT}-bucket`,
    },
    { policy: "s3-access-point-blocks-public-access", what: "the whole block is unknown", resources: () => renderAccessPoint({ name: "reports-ap", block: UNKNOWN }, "aws-native AccessPoint"), on: "reports-ap" },
    { policy: "s3-access-point-blocks-public-access", what: "a setting is unknown", resources: () => renderAccessPoint({ name: "reports-ap", block: { ...ALL_BLOCKED, ignorePublicAcls: UNKNOWN } }, "aws.s3control.MultiRegionAccessPoint"), on: "reports-ap" },
    ...DELIVERY_PENDING_CASES,
];

/** What each pending verdict says, after "not decided until `pulumi up`: ", keyed by "<policy>: <what>". */
export const PENDING_MESSAGES: Record<string, string[]> = {
    ...DELIVERY_PENDING_MESSAGES,
    "s3-no-public-acl: a grantee is unknown": ["grant has an ACL grant to a grantee not known yet."],
    "s3-bucket-blocks-public-access: restrictPublicBuckets is unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) sets restrictPublicBuckets of its public access block from values not known yet.`],
    "s3-bucket-blocks-public-access: restrictPublicBuckets is unknown (aws-native)": [`bucket "${AUDIT}" (${AUDIT}-bucket) sets restrictPublicBuckets of its public access block from values not known yet.`],
    "s3-bucket-owner-enforced: the ownership is unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) sets its Object Ownership from a value not known yet.`],
    "s3-bucket-owner-enforced: the ownership is unknown (aws-native)": [`bucket "${AUDIT}" (${AUDIT}-bucket) sets its Object Ownership from a value not known yet.`],
    "s3-bucket-versioning-enabled: the status is unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) sets its versioning status from a value not known yet.`],
    "s3-bucket-versioning-enabled: inline enabled is unknown (inline on aws.s3.Bucket)": [`bucket "${AUDIT}" (${AUDIT}-bucket) sets its versioning status from a value not known yet.`],
    "s3-bucket-encryption-declared: the algorithm is unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) takes its encryption algorithm from a value not known yet.`],
    "audit-log-blocks-sse-c: the blocked types are unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) sets its blocked encryption types from a value not known yet.`],
    "audit-log-blocks-sse-c: the blocked types are unknown (aws-native)": [`bucket "${AUDIT}" (${AUDIT}-bucket) sets its blocked encryption types from a value not known yet.`],
    "s3-bucket-encryption-declared: bucketKeyEnabled is unknown (aws-native)": [`bucket "${AUDIT}" (${AUDIT}-bucket) sets bucketKeyEnabled from a value not known yet.`],
    "s3-bucket-denies-insecure-transport: the policy is unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) takes its bucket policy from ${AUDIT}-policy, not known yet.`],
    "s3-bucket-denies-insecure-transport: the inline policy is unknown (inline on aws.s3.BucketV2)": [`bucket "${AUDIT}" (${AUDIT}-bucket) takes its bucket policy from ${AUDIT}-bucket, not known yet.`],
    "s3-policy-no-public-principal: the policy is unknown (v7 split resources)": [`the policy of ${AUDIT}-policy is not known yet.`],
    "s3-policy-no-public-principal: the policy is unknown (aws-native)": [`the policy of ${AUDIT}-policy is not known yet.`],
    "s3-policy-no-cross-account-admin: the policy is unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) takes its bucket policy from ${AUDIT}-policy, not known yet.`],
    "s3-policy-no-cross-account-admin: the bucket's account is unknown (v7 split resources)": [`statement Admin of bucket "${PLAIN}" (${PLAIN}-bucket) grants s3:PutBucketAcl to arn:aws:iam::999999999999:root; the bucket's own account is not known: set the provider's allowedAccountIds or this policy's accountIds (the stack shows no single account for its provider).`],
    "s3-no-public-acl: the canned ACL is unknown (inline on aws.s3.Bucket)": [`${AUDIT}-bucket sets its canned ACL from a value not known yet.`],
    "s3-bucket-no-force-destroy: forceDestroy is unknown (inline on aws.s3.Bucket)": [`${AUDIT}-bucket sets forceDestroy from a value not known yet.`],
    "audit-log-retention: the expiration is unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket): lifecycle rule expire takes its expiration from a value not known yet.`],
    "audit-log-retention: the expiration is unknown (inline on aws.s3.BucketV2)": [`bucket "${AUDIT}" (${AUDIT}-bucket): lifecycle rule expire takes its expiration from a value not known yet.`],
    "audit-log-service-grants-scoped: the policy is unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) takes its bucket policy from ${AUDIT}-policy, not known yet.`],
    "audit-log-deliveries-confined: the policy is unknown (aws-native)": [`bucket "${AUDIT}" (${AUDIT}-bucket) takes its bucket policy from ${AUDIT}-policy, not known yet.`],
    "audit-log-deliveries-confined: a CloudTrail grant's resource is unknown (aws-native)": [`bucket "${AUDIT}" (${AUDIT}-bucket): statement AWSCloudTrailWrite lets cloudtrail.amazonaws.com write to a resource not known yet.`],
    "audit-log-access-logs-not-self: the log target is unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) delivers access logs to a bucket not known yet.`],
    "audit-log-object-lock: the retention is unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) takes its Object Lock retention from a value not known yet.`],
    "audit-log-noncurrent-expiration: the noncurrent days are unknown (v7 split resources)": [`bucket "${AUDIT}" (${AUDIT}-bucket) takes a lifecycle rule from a value not known yet.`],
    "audit-log-abort-incomplete-uploads: the abort days are unknown (aws-native)": [`bucket "${AUDIT}" (${AUDIT}-bucket) takes a lifecycle rule from a value not known yet.`],
    "audit-log-deliveries-confined: a bucket whose name is unknown lets CloudTrail write anywhere (aws-native)": [`bucket any-bucket is an audit-log bucket only if its name, not known yet, starts with "network-compliance-logs-"; if it is: bucket any-bucket: statement AWSCloudTrailWrite lets cloudtrail.amazonaws.com write outside its AWSLogs/<account>/ prefix (arn:aws:s3:::any/*): confine Resource to <prefix>/AWSLogs/<account id>/*.`],
    "audit-log-retention: a bucket whose name is unknown expires logs after 30 days": [`bucket any-bucket is an audit-log bucket only if its name, not known yet, starts with "network-compliance-logs-"; if it is: bucket any-bucket: lifecycle rule short expires logs after 30 days, shorter than the required 365: set expiration.days to 365 or more.`],
    "kms-key-rotation-enabled: rotation is unknown": [`whether KMS key logs-key can and does rotate is not known yet.`],
    "kms-key-policy-no-public-principal: the key policy is unknown": [`the key policy of logs-key-policy is not known yet.`],
    "kms-key-single-region: multiRegion is unknown": [`whether KMS key logs-key is multi-Region is not known yet.`],
    "kms-key-no-lockout-bypass: the bypass flag is unknown": [`logs-key sets bypassPolicyLockoutSafetyCheck from a value not known yet.`],
    "audit-log-key-enabled: the key's enabled flag is unknown": [`whether KMS key logs-key of bucket "${AUDIT}" (${AUDIT}-bucket) is enabled is not known yet.`],
    "audit-log-key-enabled: the key ARN is unknown, without a dependency, and a key of the stack is disabled": [`bucket "${AUDIT}" (${AUDIT}-bucket) uses a KMS key not known yet, and off-key may be disabled.`],
    "audit-log-key-deletion-window: the deletion window is unknown": [`the deletion window of KMS key logs-key of bucket "${AUDIT}" (${AUDIT}-bucket) is not known yet.`],
    "s3-account-blocks-public-access: a setting is unknown": [`account-pab sets blockPublicPolicy from values not known yet.`],
    "s3-policy-no-lockout: the policy is unknown (v7 split resources)": [`the policy of ${AUDIT}-policy is not known yet.`],
    "s3-policy-no-lockout: a deny to everyone names a resource not known yet (aws-native)": [`statement LockAll of ${AUDIT}-policy may deny s3:PutBucketPolicy to every principal of the account, from values not known yet.`],
    "s3-policy-no-lockout: an inline deny of s3:* names its principal by a value not known yet (inline on aws.s3.Bucket)": [`statement LockAll of ${AUDIT}-bucket may deny s3:PutBucketPolicy to every principal of the account, from values not known yet.`],
    "kms-key-policy-defined: a key has no policy and a KeyPolicy names a key not known yet": [`KMS key logs-key has no policy of its own; logs-key-policy may be its KeyPolicy, for a key not known yet.`],
    "s3-config-delivery-no-object-lock: a delivery channel names a bucket not known yet, and a bucket has Object Lock": [`bucket "${AUDIT}" (${AUDIT}-bucket) has Object Lock enabled, and may receive AWS Config: Config delivery channel config-channel names a bucket not known yet.`],
    "s3-config-delivery-no-object-lock: Config writes to a bucket whose objectLockEnabled is not known yet": [
        `whether bucket "${AUDIT}" (${AUDIT}-bucket) has Object Lock enabled is not known yet; if it has: bucket "${AUDIT}" (${AUDIT}-bucket) has Object Lock enabled and receives AWS Config (its bucket policy's statement AWSConfigWrite lets config.amazonaws.com s3:PutObject), but "AWS Config does not support the delivery channel to an Amazon S3 bucket where object lock is enabled" (AWS CloudFormation reference, AWS::Config::DeliveryChannel): Config would deliver nothing. S3 cannot turn Object Lock off, so deliver Config to a bucket without it, and replicate the bucket into an Object-Locked vault bucket in another region instead (vaultRegion in this package's component).`,
    ],
    "s3-access-point-blocks-public-access: the whole block is unknown": [`reports-ap takes its publicAccessBlockConfiguration from a value not known yet.`],
    "s3-access-point-blocks-public-access: a setting is unknown": [`reports-ap sets ignorePublicAcls of its details.publicAccessBlock from values not known yet.`],
};
