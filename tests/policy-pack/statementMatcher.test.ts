import { expect } from "chai";
import { evaluateRow } from "../../tools/access/evaluate";
import { AccessRow, MatrixSubject, accessRows, matrixSubject } from "../../tools/access/rows";
import { planStack } from "../../tools/offline/plan";
import { Decision, MatchRequest, arnMatch, evaluatePolicy, globMatch, joinPolicies } from "../../policy-pack/lib/statementMatcher";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const OWNER = "111122223333";
const OTHER = "999988887777";
const BUCKET = "arn:aws:s3:::logs-bucket";
const OBJECT = `${BUCKET}/cloudtrail-logs/AWSLogs/${OWNER}/CloudTrail/us-east-1/log.json.gz`;
const KEY = `arn:aws:kms:us-east-1:${OWNER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TRAIL = `arn:aws:cloudtrail:us-east-1:${OWNER}:trail/main`;
const STRANGER = `arn:aws:iam::${OTHER}:role/Stranger`;

/** A subject the evaluator reads its resource policy from (the rest of a MatrixSubject is not read by evaluateRow). */
function subjectWith(policy: Record<string, unknown>, against: "bucket" | "key"): MatrixSubject {
    return {
        stack: "hand-written",
        accountId: OWNER,
        region: "us-east-1",
        partition: "aws",
        bucketName: "logs-bucket",
        allowDeletion: false,
        bucketPolicy: against === "bucket" ? policy : {},
        keyPolicy: against === "key" ? policy : undefined,
        cloudTrailArns: [],
        readerArns: [],
        sessionManagerWriterArns: [],
        securityHubWriterArns: [],
        readersEncryptQueryResults: false,
    };
}

const isService = (principal: string): boolean => principal.endsWith(".amazonaws.com");
const accountOf = (principal: string): string | undefined => /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];

/**
 * The evaluator's verdict and the matcher's, on the same request. A service principal, or a principal of another
 * account whose own identity policy allows everything, is decided by the resource policy alone, so the two verdicts
 * must be equal. A principal of the bucket's own account holding such an identity policy is allowed whatever the
 * resource policy allows; only the explicit denies compare.
 */
async function compare(subject: MatrixSubject, row: AccessRow): Promise<string | undefined> {
    const principal = row.principal === "anonymous" ? "*" : row.principal;
    const service = isService(principal);
    const sameAccount = !service && accountOf(principal) === subject.accountId;
    const identityPolicy = service || row.principal === "anonymous" ? undefined : { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    const verdict = await evaluateRow(subject, { ...row, identityPolicy });
    if (verdict.ignoredContextKeys.length > 0) {
        return `${row.what}: the evaluator ignored ${verdict.ignoredContextKeys.join(", ")}, so the row proves nothing`;
    }
    const policy = row.against === "key" ? subject.keyPolicy : subject.bucketPolicy;
    const request: MatchRequest = { principal, action: row.action, resource: row.resource, context: row.context };
    const mine = evaluatePolicy(policy, request).decision;
    const agrees = sameAccount ? (mine === "ExplicitlyDenied") === (verdict.actual === "ExplicitlyDenied") : mine === verdict.actual;
    return agrees ? undefined : `${row.what}: ${principal} ${row.action} ${row.resource} ${JSON.stringify(row.context)}\n  matcher ${mine}, evaluator ${verdict.actual}\n${verdict.explanation}`;
}

interface Case {
    what: string;
    statements: Record<string, unknown>[];
    principal?: string;
    action?: string;
    resource?: string;
    context?: Record<string, string | string[]>;
    against?: "bucket" | "key";
    /** The verdict both must give: the table also pins the matcher by itself. */
    expected: Exclude<Decision, "Unknown">;
    dependsOnEncryptionContext?: boolean;
}

const put = (condition?: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    Sid: "Write",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `${BUCKET}/cloudtrail-logs/AWSLogs/${OWNER}/*`,
    ...(condition ? { Condition: condition } : {}),
    ...extra,
});
/** A statement with some elements left out (undefined) or replaced. */
const without = (statement: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(statement).filter(([, value]) => value !== undefined));
const ACL = { "s3:x-amz-acl": "bucket-owner-full-control" };
const ACL_EQUALS = { StringEquals: ACL };

/** Hand-written documents, one operator or element each, on requests chosen to fall either side of it. */
const CASES: Case[] = [
    { what: "an Allow with no condition admits", statements: [put()], expected: "Allowed" },
    { what: "no statement for the action is an implicit deny", statements: [put()], action: "s3:DeleteObject", expected: "ImplicitlyDenied" },
    { what: "a resource outside the pattern is not admitted", statements: [put()], resource: `${BUCKET}/other/x`, expected: "ImplicitlyDenied" },
    { what: "another service principal is not admitted", statements: [put()], principal: "config.amazonaws.com", expected: "ImplicitlyDenied" },
    { what: "Action wildcards match case-insensitively", statements: [put(undefined, { Action: "S3:Put*" })], expected: "Allowed" },
    { what: "Action ? matches one character", statements: [put(undefined, { Action: "s3:PutObjec?" })], expected: "Allowed" },
    { what: "NotAction admits what it leaves out", statements: [put(undefined, { Action: undefined, NotAction: "s3:Delete*" })], expected: "Allowed" },
    { what: "NotAction refuses what it names", statements: [put(undefined, { Action: undefined, NotAction: "s3:Put*" })], expected: "ImplicitlyDenied" },
    { what: "NotResource admits other resources", statements: [put(undefined, { Resource: undefined, NotResource: `${BUCKET}/private/*` })], expected: "Allowed" },
    { what: "NotResource refuses the resources it names", statements: [put(undefined, { Resource: undefined, NotResource: `${BUCKET}/*` })], expected: "ImplicitlyDenied" },
    { what: "Resource * admits any object", statements: [put(undefined, { Resource: "*" })], expected: "Allowed" },
    { what: "a short Resource ARN with a wildcard stands for its missing parts", statements: [put(undefined, { Resource: "arn:aws:s3*" })], expected: "Allowed" },
    { what: "a Resource wildcard does not cross a colon of the ARN", statements: [put(undefined, { Resource: "arn:aws:s3:::logs-bucket*:x" })], expected: "ImplicitlyDenied" },
    { what: "an ArnLike wildcard does not cross a colon", statements: [put({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1*:trail/main" } })], context: { "aws:SourceArn": TRAIL }, expected: "ImplicitlyDenied" },
    { what: "a Resource wildcard in the partition matches", statements: [put(undefined, { Resource: `arn:*:s3:::logs-bucket/*` })], expected: "Allowed" },
    { what: "Principal * admits a service", statements: [put(undefined, { Principal: "*" })], expected: "Allowed" },
    { what: "Principal {AWS: *} admits another account's role", statements: [put(undefined, { Principal: { AWS: "*" } })], principal: STRANGER, expected: "Allowed" },
    { what: "an account root names its roles", statements: [put(undefined, { Principal: { AWS: `arn:aws:iam::${OTHER}:root` } })], principal: STRANGER, expected: "Allowed" },
    { what: "an account id names its roles", statements: [put(undefined, { Principal: { AWS: OTHER } })], principal: STRANGER, expected: "Allowed" },
    { what: "a role ARN names that role only", statements: [put(undefined, { Principal: { AWS: `arn:aws:iam::${OTHER}:role/Other` } })], principal: STRANGER, expected: "ImplicitlyDenied" },
    { what: "a role ARN names its assumed-role sessions", statements: [put(undefined, { Principal: { AWS: STRANGER } })], principal: `arn:aws:sts::${OTHER}:assumed-role/Stranger/session`, expected: "Allowed" },
    { what: "NotPrincipal admits everyone else", statements: [put(undefined, { Principal: undefined, NotPrincipal: { AWS: `arn:aws:iam::${OTHER}:role/Other` } })], principal: STRANGER, expected: "Allowed" },
    { what: "NotPrincipal refuses the principal it names", statements: [put(undefined, { Principal: undefined, NotPrincipal: { AWS: STRANGER } })], principal: STRANGER, expected: "ImplicitlyDenied" },
    { what: "StringEquals matches exactly", statements: [put(ACL_EQUALS)], context: ACL, expected: "Allowed" },
    { what: "StringEquals is case-sensitive", statements: [put(ACL_EQUALS)], context: { "s3:x-amz-acl": "Bucket-Owner-Full-Control" }, expected: "ImplicitlyDenied" },
    { what: "StringEquals fails when the key is absent", statements: [put(ACL_EQUALS)], expected: "ImplicitlyDenied" },
    { what: "StringEquals values are ORed", statements: [put({ StringEquals: { "s3:x-amz-acl": ["private", "bucket-owner-full-control"] } })], context: ACL, expected: "Allowed" },
    { what: "condition keys are case-insensitive", statements: [put({ StringEquals: { "AWS:SourceArn": TRAIL } })], context: { "aws:SourceArn": TRAIL }, expected: "Allowed" },
    { what: "keys under one operator are ANDed", statements: [put({ StringEquals: { ...ACL, "aws:SourceArn": TRAIL } })], context: ACL, expected: "ImplicitlyDenied" },
    { what: "operators are ANDed", statements: [put({ StringEquals: ACL, ArnLike: { "aws:SourceArn": TRAIL } })], context: { ...ACL, "aws:SourceArn": TRAIL }, expected: "Allowed" },
    { what: "StringNotEquals holds for another value", statements: [put({ StringNotEquals: { "s3:x-amz-acl": "public-read" } })], context: ACL, expected: "Allowed" },
    { what: "StringNotEquals fails for a listed value", statements: [put({ StringNotEquals: { "s3:x-amz-acl": ["public-read", "bucket-owner-full-control"] } })], context: ACL, expected: "ImplicitlyDenied" },
    { what: "StringNotEquals holds when the key is absent", statements: [put({ StringNotEquals: { "s3:x-amz-acl": "public-read" } })], expected: "Allowed" },
    { what: "StringEqualsIgnoreCase ignores case", statements: [put({ StringEqualsIgnoreCase: ACL })], context: { "s3:x-amz-acl": "BUCKET-OWNER-FULL-CONTROL" }, expected: "Allowed" },
    { what: "StringNotEqualsIgnoreCase ignores case", statements: [put({ StringNotEqualsIgnoreCase: ACL })], context: { "s3:x-amz-acl": "BUCKET-OWNER-FULL-CONTROL" }, expected: "ImplicitlyDenied" },
    { what: "StringLike takes * wildcards", statements: [put({ StringLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${OWNER}:trail/*` } })], context: { "aws:SourceArn": TRAIL }, expected: "Allowed" },
    { what: "StringLike takes ? wildcards", statements: [put({ StringLike: { "s3:x-amz-acl": "bucket-owner-full-contro?" } })], context: ACL, expected: "Allowed" },
    { what: "StringLike is anchored", statements: [put({ StringLike: { "s3:x-amz-acl": "bucket-owner" } })], context: ACL, expected: "ImplicitlyDenied" },
    { what: "StringNotLike fails on a match", statements: [put({ StringNotLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${OWNER}:*` } })], context: { "aws:SourceArn": TRAIL }, expected: "ImplicitlyDenied" },
    { what: "StringNotLike holds when the key is absent", statements: [put({ StringNotLike: { "aws:SourceArn": "x*" } })], expected: "Allowed" },
    { what: "StringEqualsIfExists holds when the key is absent", statements: [put({ StringEqualsIfExists: ACL })], expected: "Allowed" },
    { what: "StringEqualsIfExists compares a present key", statements: [put({ StringEqualsIfExists: ACL })], context: { "s3:x-amz-acl": "private" }, expected: "ImplicitlyDenied" },
    { what: "ArnLike matches per ARN part", statements: [put({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/*" } })], context: { "aws:SourceArn": TRAIL }, expected: "Allowed" },
    { what: "ArnLike refuses another account", statements: [put({ ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${OTHER}:trail/*` } })], context: { "aws:SourceArn": TRAIL }, expected: "ImplicitlyDenied" },
    { what: "ArnEquals compares the ARN", statements: [put({ ArnEquals: { "aws:SourceArn": TRAIL } })], context: { "aws:SourceArn": TRAIL }, expected: "Allowed" },
    { what: "ArnNotEquals fails on the ARN", statements: [put({ ArnNotEquals: { "aws:SourceArn": TRAIL } })], context: { "aws:SourceArn": TRAIL }, expected: "ImplicitlyDenied" },
    { what: "ArnNotLike holds for another ARN", statements: [put({ ArnNotLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${OTHER}:*` } })], context: { "aws:SourceArn": TRAIL }, expected: "Allowed" },
    { what: "ArnLikeIfExists holds when the key is absent", statements: [put({ ArnLikeIfExists: { "aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/x" } })], expected: "Allowed" },
    { what: "Bool compares true", statements: [put({ Bool: { "aws:SecureTransport": "true" } })], context: { "aws:SecureTransport": "true" }, expected: "Allowed" },
    { what: "Bool refuses false", statements: [put({ Bool: { "aws:SecureTransport": "true" } })], context: { "aws:SecureTransport": "false" }, expected: "ImplicitlyDenied" },
    { what: "Bool fails when the key is absent", statements: [put({ Bool: { "aws:SecureTransport": "true" } })], expected: "ImplicitlyDenied" },
    { what: "BoolIfExists holds when the key is absent", statements: [put({ BoolIfExists: { "aws:SecureTransport": "true" } })], expected: "Allowed" },
    { what: "Null true holds for an absent key", statements: [put({ Null: { "aws:SourceArn": "true" } })], expected: "Allowed" },
    { what: "Null true fails for a present key", statements: [put({ Null: { "aws:SourceArn": "true" } })], context: { "aws:SourceArn": TRAIL }, expected: "ImplicitlyDenied" },
    { what: "Null false holds for a present key", statements: [put({ Null: { "aws:SourceArn": "false" } })], context: { "aws:SourceArn": TRAIL }, expected: "Allowed" },
    { what: "Null false fails for an absent key", statements: [put({ Null: { "aws:SourceArn": "false" } })], expected: "ImplicitlyDenied" },
    { what: "NumericLessThan compares numbers", statements: [put({ NumericLessThan: { "s3:TlsVersion": "1.3" } })], context: { "s3:TlsVersion": "1.2" }, expected: "Allowed" },
    { what: "NumericLessThan refuses an equal number", statements: [put({ NumericLessThan: { "s3:TlsVersion": "1.2" } })], context: { "s3:TlsVersion": "1.2" }, expected: "ImplicitlyDenied" },
    { what: "NumericLessThanEquals admits an equal number", statements: [put({ NumericLessThanEquals: { "s3:TlsVersion": "1.2" } })], context: { "s3:TlsVersion": "1.2" }, expected: "Allowed" },
    { what: "NumericGreaterThan compares numbers", statements: [put({ NumericGreaterThan: { "s3:TlsVersion": "1.1" } })], context: { "s3:TlsVersion": "1.2" }, expected: "Allowed" },
    { what: "NumericGreaterThanEquals refuses a smaller number", statements: [put({ NumericGreaterThanEquals: { "s3:TlsVersion": "1.3" } })], context: { "s3:TlsVersion": "1.2" }, expected: "ImplicitlyDenied" },
    { what: "NumericEquals compares numbers, not strings", statements: [put({ NumericEquals: { "s3:TlsVersion": "1.20" } })], context: { "s3:TlsVersion": "1.2" }, expected: "Allowed" },
    { what: "NumericNotEquals fails on an equal number", statements: [put({ NumericNotEquals: { "s3:TlsVersion": "1.2" } })], context: { "s3:TlsVersion": "1.2" }, expected: "ImplicitlyDenied" },
    { what: "DateLessThan compares times", statements: [put({ DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } })], context: { "aws:CurrentTime": "2026-12-04T00:00:00Z" }, expected: "Allowed" },
    { what: "DateGreaterThan compares times", statements: [put({ DateGreaterThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } })], context: { "aws:CurrentTime": "2026-12-04T00:00:00Z" }, expected: "ImplicitlyDenied" },
    { what: "IpAddress matches a CIDR", statements: [put({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })], context: { "aws:SourceIp": "10.1.2.3" }, expected: "Allowed" },
    { what: "NotIpAddress fails inside the CIDR", statements: [put({ NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } })], context: { "aws:SourceIp": "10.1.2.3" }, expected: "ImplicitlyDenied" },
    { what: "IpAddress refuses outside the CIDR", statements: [put({ IpAddress: { "aws:SourceIp": "10.0.0.0/16" } })], context: { "aws:SourceIp": "10.1.2.3" }, expected: "ImplicitlyDenied" },
    { what: "ForAnyValue:StringLike admits one matching OU path", statements: [put({ "ForAnyValue:StringLike": { "aws:SourceOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" } })], context: { "aws:SourceOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/", "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-33333333/"] }, expected: "Allowed" },
    { what: "ForAnyValue:StringLike refuses when no value matches", statements: [put({ "ForAnyValue:StringLike": { "aws:SourceOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" } })], context: { "aws:SourceOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/"] }, expected: "ImplicitlyDenied" },
    { what: "ForAnyValue fails when the key is absent", statements: [put({ "ForAnyValue:StringLike": { "aws:SourceOrgPaths": "*" } })], expected: "ImplicitlyDenied" },
    { what: "ForAllValues:StringEquals admits when every value is listed", statements: [put({ "ForAllValues:StringEquals": { "s3:RequestObjectTagKeys": ["a", "b"] } })], context: { "s3:RequestObjectTagKeys": ["a", "b"] }, expected: "Allowed" },
    { what: "ForAllValues:StringEquals refuses an unlisted value", statements: [put({ "ForAllValues:StringEquals": { "s3:RequestObjectTagKeys": ["a"] } })], context: { "s3:RequestObjectTagKeys": ["a", "c"] }, expected: "ImplicitlyDenied" },
    { what: "ForAllValues holds when the key is absent", statements: [put({ "ForAllValues:StringEquals": { "s3:RequestObjectTagKeys": ["a"] } })], expected: "Allowed" },
    { what: "ForAnyValue:StringNotEquals admits when some value is unlisted", statements: [put({ "ForAnyValue:StringNotEquals": { "s3:RequestObjectTagKeys": ["a"] } })], context: { "s3:RequestObjectTagKeys": ["a", "c"] }, expected: "Allowed" },
    { what: "ForAllValues:StringNotEquals refuses when some value is listed", statements: [put({ "ForAllValues:StringNotEquals": { "s3:RequestObjectTagKeys": ["a"] } })], context: { "s3:RequestObjectTagKeys": ["a", "c"] }, expected: "ImplicitlyDenied" },
    { what: "a policy variable in Resource takes the request's value", statements: [put(undefined, { Resource: `${BUCKET}/cloudtrail-logs/AWSLogs/\${aws:SourceAccount}/*` })], context: { "aws:SourceAccount": OWNER }, expected: "Allowed" },
    { what: "a policy variable in Resource refuses another account's path", statements: [put(undefined, { Resource: `${BUCKET}/cloudtrail-logs/AWSLogs/\${aws:SourceAccount}/*` })], context: { "aws:SourceAccount": OTHER }, expected: "ImplicitlyDenied" },
    { what: "a policy variable without a value matches nothing", statements: [put(undefined, { Resource: `${BUCKET}/cloudtrail-logs/AWSLogs/\${aws:SourceAccount}/*` })], expected: "ImplicitlyDenied" },
    { what: "a policy variable in a StringLike value", statements: [put({ StringLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:\${aws:SourceAccount}:trail/*` } })], context: { "aws:SourceArn": TRAIL, "aws:SourceAccount": OWNER }, expected: "Allowed" },
    { what: "a Deny that applies wins over the Allow", statements: [put(), { Sid: "NoTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${BUCKET}/*`, Condition: { Bool: { "aws:SecureTransport": "false" } } }], context: { "aws:SecureTransport": "false" }, expected: "ExplicitlyDenied" },
    { what: "a Deny whose condition fails leaves the Allow", statements: [put(), { Sid: "NoTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${BUCKET}/*`, Condition: { Bool: { "aws:SecureTransport": "false" } } }], context: { "aws:SecureTransport": "true" }, expected: "Allowed" },
    { what: "a Deny with NumericLessThan on an absent key does not apply", statements: [put(), { Sid: "OldTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${BUCKET}/*`, Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } }], expected: "Allowed" },
    { what: "a Deny with NotAction denies what it leaves out", statements: [put(), { Sid: "OnlyReads", Effect: "Deny", Principal: "*", NotAction: "s3:Get*", Resource: `${BUCKET}/*` }], expected: "ExplicitlyDenied" },
    { what: "a single Statement object is read", statements: [put()], expected: "Allowed" },
    // KMS key policies: CloudTrail's encryption context, Decrypt with a Bucket Key (the bucket ARN as context).
    {
        what: "a key policy admits GenerateDataKey with the trail's encryption context",
        statements: [{ Sid: "Encrypt", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*", Condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${OWNER}:trail/*` } } }],
        action: "kms:GenerateDataKey",
        resource: KEY,
        context: { "kms:EncryptionContext:aws:cloudtrail:arn": TRAIL, "aws:SourceArn": TRAIL },
        against: "key",
        expected: "Allowed",
        dependsOnEncryptionContext: true,
    },
    {
        what: "a key policy refuses GenerateDataKey with another account's trail context",
        statements: [{ Sid: "Encrypt", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*", Condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${OTHER}:trail/*` } } }],
        action: "kms:GenerateDataKey",
        resource: KEY,
        context: { "kms:EncryptionContext:aws:cloudtrail:arn": TRAIL, "aws:SourceArn": TRAIL },
        against: "key",
        expected: "ImplicitlyDenied",
        dependsOnEncryptionContext: true,
    },
    {
        what: "a key policy without Decrypt refuses CloudTrail's Decrypt",
        statements: [{ Sid: "Describe", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:DescribeKey", Resource: "*", Condition: { StringEquals: { "aws:SourceArn": TRAIL } } }],
        action: "kms:Decrypt",
        resource: KEY,
        context: { "aws:SourceArn": TRAIL },
        against: "key",
        expected: "ImplicitlyDenied",
    },
    {
        what: "a key policy's ViaService condition admits a reader through S3",
        statements: [{ Sid: "Read", Effect: "Allow", Principal: { AWS: STRANGER }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } }],
        principal: STRANGER,
        action: "kms:Decrypt",
        resource: KEY,
        context: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
        against: "key",
        expected: "Allowed",
    },
];

function caseRow(row: Case): AccessRow {
    return {
        what: row.what,
        principal: row.principal ?? "cloudtrail.amazonaws.com",
        action: row.action ?? "s3:PutObject",
        resource: row.resource ?? OBJECT,
        context: row.context ?? {},
        against: row.against ?? "bucket",
        expected: row.expected,
        dependsOnEncryptionContext: row.dependsOnEncryptionContext,
    };
}

describe("the pack's statement matcher", () => {
    describe("agrees with @cloud-copilot/iam-simulate on hand-written documents", () => {
        for (const row of CASES) {
            it(`${row.what} (${row.expected})`, async () => {
                const statements = row.statements.map(without);
                const document = { Version: "2012-10-17", Statement: statements.length === 1 && row.what.startsWith("a single") ? statements[0] : statements };
                const subject = subjectWith(document, row.against ?? "bucket");
                const access = caseRow(row);
                expect(evaluatePolicy(document, { principal: access.principal, action: access.action, resource: access.resource, context: access.context }).decision).to.equal(row.expected);
                const failure = await compare(subject, access);
                expect(failure, failure).to.equal(undefined);
            });
        }
    });

    // AWS-IAM-100 and AWS-IAM-101 are pinned by the tables above and below: absent keys, negated operators,
    // IfExists, set operators, and a Deny that wins.
    describe("agrees with @cloud-copilot/iam-simulate on the component's own bucket and key policies", () => {
        for (const [stack, overrides] of [
            ["dev", []],
            ["prod", []],
            ["log-archive", []],
            ["log-archive", ['sourceAccountIds=["888888888888", "444455556666"]']],
        ] as const) {
            it(`for every access-matrix request of ${stack}${overrides.length > 0 ? " with sourceAccountIds" : ""}`, async () => {
                const subject = matrixSubject(await planStack({ stack, overrides: [...overrides], asDeployed: true }));
                const rows = accessRows(subject).filter((row) => row.against !== "accessLogBucket");
                const failures: string[] = [];
                for (const row of rows) {
                    const failure = await compare(subject, row);
                    if (failure) {
                        failures.push(failure);
                    }
                }
                expect(rows.length).to.be.greaterThan(30);
                expect(failures, failures.join("\n\n")).to.deep.equal([]);
            });
        }
    });

    describe("says Unknown, never a guess, when a value is not known until `pulumi up`", () => {
        const request: MatchRequest = { principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: OBJECT, context: { ...ACL, "aws:SourceArn": TRAIL } };
        const document = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
        const cases: [string, unknown, MatchRequest, Decision][] = [
            ["the whole document", UNKNOWN, request, "Unknown"],
            ["the statement list", { Statement: UNKNOWN }, request, "Unknown"],
            ["one whole statement", document(UNKNOWN), request, "Unknown"],
            ["an Allow's resource", document(put(ACL_EQUALS, { Resource: UNKNOWN })), request, "Unknown"],
            ["an Allow's principal", document(put(ACL_EQUALS, { Principal: { Service: UNKNOWN } })), request, "Unknown"],
            ["an Allow's principal block", document(put(ACL_EQUALS, { Principal: UNKNOWN })), request, "Unknown"],
            ["an Allow's action", document(put(ACL_EQUALS, { Action: UNKNOWN })), request, "Unknown"],
            ["an Allow's effect", document(put(ACL_EQUALS, { Effect: UNKNOWN })), request, "Unknown"],
            ["an Allow's condition value", document(put({ StringEquals: { "aws:SourceArn": UNKNOWN } })), request, "Unknown"],
            ["an Allow's condition values", document(put({ StringEquals: { "aws:SourceArn": [UNKNOWN] } })), request, "Unknown"],
            ["an Allow's condition block", document(put({ StringEquals: UNKNOWN })), request, "Unknown"],
            ["an Allow's whole condition", document(put(UNKNOWN as never)), request, "Unknown"],
            ["an Allow's Null value", document(put({ Null: { "aws:SourceArn": UNKNOWN } })), request, "Unknown"],
            ["the request's resource", document(put(ACL_EQUALS)), { ...request, resource: UNKNOWN }, "Unknown"],
            ["the request's resource, under Resource *", document(put(ACL_EQUALS, { Resource: "*" })), { ...request, resource: UNKNOWN }, "Allowed"],
            ["the request's resource, under NotResource", document(put(ACL_EQUALS, { Resource: undefined, NotResource: `${BUCKET}/private/*` })), { ...request, resource: UNKNOWN }, "Unknown"],
            ["the request's principal", document(put(ACL_EQUALS)), { ...request, principal: UNKNOWN }, "Unknown"],
            ["the request's action", document(put(ACL_EQUALS)), { ...request, action: UNKNOWN }, "Unknown"],
            ["a context value", document(put({ StringEquals: { "aws:SourceArn": TRAIL } })), { ...request, context: { "aws:SourceArn": UNKNOWN } }, "Unknown"],
            ["a context value inside a list", document(put({ "ForAnyValue:StringEquals": { "aws:SourceArn": TRAIL } })), { ...request, context: { "aws:SourceArn": [UNKNOWN] } }, "Unknown"],
            ["a context value a policy variable reads", document(put(undefined, { Resource: `${BUCKET}/\${aws:SourceAccount}/*` })), { ...request, context: { "aws:SourceAccount": UNKNOWN } }, "Unknown"],
            ["a Deny that may apply, over an Allow that does", document(put(ACL_EQUALS), { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: UNKNOWN }), request, "Unknown"],
            ["a Deny that may apply, beside a Deny that does", document({ Sid: "Sure", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: UNKNOWN }), request, "ExplicitlyDenied"],
            ["an unknown key the statement does not read", document(put(ACL_EQUALS)), { ...request, context: { ...ACL, "aws:SourceOrgID": UNKNOWN } }, "Allowed"],
            ["an Allow that may apply, beside one that does", document(put(ACL_EQUALS), put(ACL_EQUALS, { Sid: "Other", Resource: UNKNOWN })), request, "Allowed"],
            ["an operator the matcher does not know", document(put({ StringSortOf: { "aws:SourceArn": TRAIL } })), request, "Unknown"],
        ];
        for (const [what, policy, asked, expected] of cases) {
            it(`in ${what}: ${expected}`, () => {
                expect(evaluatePolicy(policy, asked).decision).to.equal(expected);
            });
        }
    });

    it("reads a JSON string, treats an unreadable or statement-less document as admitting nothing, and names the deciding statements", () => {
        const request: MatchRequest = { principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: OBJECT, context: ACL };
        expect(evaluatePolicy(JSON.stringify({ Statement: [put(ACL_EQUALS)] }), request)).to.deep.equal({ decision: "Allowed", statements: ["Write"] });
        expect(evaluatePolicy("{ not json", request).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy({}, request).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(null, request).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy([put(ACL_EQUALS)], request).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy({ Statement: [null, "x", { ...put(ACL_EQUALS), Effect: "Maybe" }] }, request).decision).to.equal("ImplicitlyDenied");
        const denied = evaluatePolicy({ Statement: [put(ACL_EQUALS), { Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] }, request);
        expect(denied).to.deep.equal({ decision: "ExplicitlyDenied", statements: ["#1"] });
        expect(evaluatePolicy({ Statement: [put(ACL_EQUALS), { ...put(ACL_EQUALS), Sid: "Again" }] }, request).statements).to.deep.equal(["Write", "Again"]);
    });

    it("reads several documents as one, a document not known yet as one unknown statement", () => {
        const request: MatchRequest = { principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: OBJECT, context: ACL };
        const allow = { Statement: [put(ACL_EQUALS)] };
        const deny = JSON.stringify({ Statement: { Effect: "Deny", Principal: "*", Action: "*", Resource: "*" } });
        expect(evaluatePolicy(joinPolicies([allow]), request).decision).to.equal("Allowed");
        expect(evaluatePolicy(joinPolicies([allow, deny]), request).decision).to.equal("ExplicitlyDenied");
        expect(evaluatePolicy(joinPolicies([allow, UNKNOWN]), request).decision).to.equal("Unknown");
        expect(evaluatePolicy(joinPolicies([]), request).decision).to.equal("ImplicitlyDenied");
        expect(joinPolicies([undefined, "{ not json"]).Statement).to.deep.equal([]);
    });

    it("matches globs and ARNs part by part", () => {
        expect(globMatch("a*c", "abbc")).to.equal(true);
        expect(globMatch("a?c", "abc")).to.equal(true);
        expect(globMatch("a?c", "abbc")).to.equal(false);
        expect(globMatch("a.c", "abc")).to.equal(false);
        expect(globMatch("A*", "abc")).to.equal(false);
        expect(globMatch("A*", "abc", true)).to.equal(true);
        expect(globMatch("a*", "a\nb")).to.equal(true);
        expect(arnMatch("*", "anything")).to.equal(true);
        expect(arnMatch("arn:aws:s3:::b/*", "arn:aws:s3:::b/k:with:colons")).to.equal(true);
        expect(arnMatch("arn:aws:s3:::b/*", "not-an-arn")).to.equal(false);
        expect(arnMatch("arn:aws:s3", "arn:aws:s3:::b")).to.equal(false);
        expect(arnMatch("arn:*:kms:*:*:key/*", KEY)).to.equal(true);
        expect(arnMatch("arn:aws:kms:*:1*:key/*", KEY)).to.equal(true);
        expect(arnMatch("arn:aws:kms:*:2*:key/*", KEY)).to.equal(false);
    });

    it("takes a policy variable's default, and the ${*} ${?} ${$} escapes literally", () => {
        const request = (resource: string, context: Record<string, string> = {}): MatchRequest => ({ principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource, context });
        const withResource = (resource: string) => ({ Statement: [put(undefined, { Resource: resource })] });
        expect(evaluatePolicy(withResource(`${BUCKET}/\${aws:SourceAccount, 'none'}/*`), request(`${BUCKET}/none/x`)).decision).to.equal("Allowed");
        expect(evaluatePolicy(withResource(`${BUCKET}/\${aws:SourceAccount, 'none'}/*`), request(`${BUCKET}/${OWNER}/x`, { "aws:SourceAccount": OWNER })).decision).to.equal("Allowed");
        expect(evaluatePolicy(withResource(`${BUCKET}/\${*}/x`), request(`${BUCKET}/*/x`)).decision).to.equal("Allowed");
        expect(evaluatePolicy(withResource(`${BUCKET}/\${*}/x`), request(`${BUCKET}/a/x`)).decision).to.equal("Allowed");
        expect(evaluatePolicy(withResource(`${BUCKET}/a\${?}/x`), request(`${BUCKET}/ab/x`)).decision).to.equal("Allowed");
        expect(evaluatePolicy(withResource(`${BUCKET}/\${$}/x`), request(`${BUCKET}/$/x`)).decision).to.equal("Allowed");
        expect(evaluatePolicy({ Statement: [put(undefined, { Resource: [42, `${BUCKET}/*`] })] }, request(OBJECT)).decision).to.equal("Allowed");
        // A variable whose key holds several values, or none, names nothing.
        const listed: MatchRequest = { principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: `${BUCKET}/a/x`, context: { "aws:SourceAccount": ["a", "b"] } };
        expect(evaluatePolicy(withResource(`${BUCKET}/\${aws:SourceAccount}/x`), listed).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(withResource(`${BUCKET}/\${aws:SourceAccount}/x`), { ...listed, context: { "aws:SourceAccount": ["a"] } }).decision).to.equal("Allowed");
        expect(evaluatePolicy(withResource(`${BUCKET}/\${aws:SourceAccount, unquoted}/x`), request(`${BUCKET}/unquoted/x`)).decision).to.equal("ImplicitlyDenied");
        // A condition that is not an object of operators matches nothing.
        expect(evaluatePolicy({ Statement: [put("StringEquals" as never)] }, request(OBJECT)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy({ Statement: [put({ StringEquals: null } as never)] }, request(OBJECT)).decision).to.equal("Allowed");
        expect(evaluatePolicy({ Statement: [put(undefined, { Action: [42] })] }, request(OBJECT)).decision).to.equal("ImplicitlyDenied");
    });

    it("compares numbers, dates and addresses only when both sides read as one", () => {
        const asked = (context: Record<string, string>): MatchRequest => ({ principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: OBJECT, context });
        const withCondition = (condition: Record<string, unknown>) => ({ Statement: [put(condition)] });
        expect(evaluatePolicy(withCondition({ NumericEquals: { "s3:TlsVersion": "x" } }), asked({ "s3:TlsVersion": "x" })).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(withCondition({ NumericEquals: { "s3:TlsVersion": "" } }), asked({ "s3:TlsVersion": "" })).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(withCondition({ NumericEquals: { "s3:TlsVersion": "1" } }), asked({ "s3:TlsVersion": " " })).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(withCondition({ DateEquals: { "aws:CurrentTime": "1700000000" } }), asked({ "aws:CurrentTime": "2023-11-14T22:13:20Z" })).decision).to.equal("Allowed");
        expect(evaluatePolicy(withCondition({ DateNotEquals: { "aws:CurrentTime": "2023-11-14T22:13:20Z" } }), asked({ "aws:CurrentTime": "2023-11-14T22:13:20Z" })).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(withCondition({ DateLessThanEquals: { "aws:CurrentTime": "2023-11-14T22:13:20Z" } }), asked({ "aws:CurrentTime": "2023-11-14T22:13:20Z" })).decision).to.equal("Allowed");
        expect(evaluatePolicy(withCondition({ DateGreaterThanEquals: { "aws:CurrentTime": "2023-11-14T22:13:20Z" } }), asked({ "aws:CurrentTime": "2023-11-14T22:13:19Z" })).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(withCondition({ DateEquals: { "aws:CurrentTime": "never" } }), asked({ "aws:CurrentTime": "never" })).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(withCondition({ IpAddress: { "aws:SourceIp": "10.1.2.3" } }), asked({ "aws:SourceIp": "10.1.2.3" })).decision).to.equal("Allowed");
        expect(evaluatePolicy(withCondition({ IpAddress: { "aws:SourceIp": "10.1.2.3" } }), asked({ "aws:SourceIp": "10.1.2.4" })).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(withCondition({ IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }), asked({ "aws:SourceIp": "255.255.255.255" })).decision).to.equal("Allowed");
        for (const [cidr, address] of [["10.0.0.0/33", "10.0.0.1"], ["10.0.0.0/x", "10.0.0.1"], ["10.0.0/8", "10.0.0.1"], ["10.0.0.0/8", "10.0.0.256"], ["10.0.0.0/8", "2001:db8::1"], ["10.0.0.0/8", "10.0.0.a"]]) {
            expect(evaluatePolicy(withCondition({ IpAddress: { "aws:SourceIp": cidr } }), asked({ "aws:SourceIp": address })).decision, `${cidr} ${address}`).to.equal("ImplicitlyDenied");
        }
        expect(evaluatePolicy(withCondition({ BinaryEquals: { "s3:x": "QUJD" } }), asked({ "s3:x": "QUJD" })).decision).to.equal("Allowed");
        expect(evaluatePolicy(withCondition({ StringEquals: { "s3:x-amz-acl": "a" } }), { ...asked({}), context: { "s3:x-amz-acl": [] } }).decision).to.equal("ImplicitlyDenied");
    });

    describe("compares one value with each operator, either side of it", () => {
        // [operator, policy value, request value, holds]
        const ROWS: [string, string, string, boolean][] = [
            ["StringEquals", "a", "a", true],
            ["StringEquals", "a", "b", false],
            ["StringNotEquals", "a", "b", true],
            ["StringNotEquals", "a", "a", false],
            ["StringEqualsIgnoreCase", "A", "a", true],
            ["StringEqualsIgnoreCase", "a", "b", false],
            ["StringNotEqualsIgnoreCase", "A", "b", true],
            ["StringLike", "a*", "abc", true],
            ["StringLike", "a*", "bac", false],
            ["StringLike", "a.c", "abc", false],
            ["StringLike", "a+c", "a+c", true],
            ["StringLike", "(a)", "(a)", true],
            ["StringNotLike", "a*", "bac", true],
            ["NumericEquals", "2", "2.0", true],
            ["NumericEquals", "2", "3", false],
            ["NumericNotEquals", "2", "3", true],
            ["NumericLessThan", "2", "1", true],
            ["NumericLessThan", "2", "2", false],
            ["NumericLessThan", "2", "3", false],
            ["NumericLessThanEquals", "2", "2", true],
            ["NumericLessThanEquals", "2", "3", false],
            ["NumericGreaterThan", "2", "3", true],
            ["NumericGreaterThan", "2", "2", false],
            ["NumericGreaterThan", "2", "1", false],
            ["NumericGreaterThanEquals", "2", "2", true],
            ["NumericGreaterThanEquals", "2", "3", true],
            ["NumericGreaterThanEquals", "2", "1", false],
            ["NumericEquals", "2", "x", false],
            ["NumericEquals", "x", "2", false],
            ["NumericEquals", "0", "", false],
            ["NumericEquals", "", "0", false],
            ["DateEquals", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true],
            ["DateEquals", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", false],
            ["DateNotEquals", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", true],
            ["DateLessThan", "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", true],
            ["DateLessThan", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", false],
            ["DateLessThanEquals", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true],
            ["DateLessThanEquals", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", false],
            ["DateGreaterThan", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", true],
            ["DateGreaterThan", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", false],
            ["DateGreaterThan", "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", false],
            ["DateGreaterThanEquals", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true],
            ["DateGreaterThanEquals", "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", false],
            ["DateEquals", "1767225600", "2026-01-01T00:00:00Z", true],
            ["DateEquals", "x1767225600", "2026-01-01T00:00:00Z", false],
            ["DateEquals", "2026-01-01T00:00:00Z", "never", false],
            ["Bool", "true", "TRUE", true],
            ["Bool", "true", "false", false],
            ["BinaryEquals", "QUJD", "QUJD", true],
            ["BinaryEquals", "QUJD", "QUJE", false],
            ["ArnEquals", "arn:aws:s3:::a", "arn:aws:s3:::a", true],
            ["ArnEquals", "arn:aws:s3:::a", "arn:aws:s3:::b", false],
            ["ArnNotEquals", "arn:aws:s3:::a", "arn:aws:s3:::b", true],
            ["ArnLike", "arn:aws:s3:::a*", "arn:aws:s3:::ab", true],
            ["ArnNotLike", "arn:aws:s3:::a*", "arn:aws:s3:::ab", false],
            ["IpAddress", "10.0.0.0/8", "10.255.255.255", true],
            ["IpAddress", "10.0.0.0/8", "11.0.0.0", false],
            ["IpAddress", "10.0.0.0/8", "10.0.0", false],
            ["IpAddress", "10.0.0.0/8", "10.0.0.1.2", false],
            ["IpAddress", "10.0.0.0/8", "x10.0.0.1", false],
            ["IpAddress", "10.0.0.0/8", "10.0.0.1x", false],
            ["IpAddress", "10.0.0.0/8", "1000.0.0.1", false],
            ["IpAddress", "10.0.0.0/32", "10.0.0.0", true],
            ["IpAddress", "10.0.0.0/x8", "10.0.0.1", false],
            ["IpAddress", "10.0.0.0/8x", "10.0.0.1", false],
            ["IpAddress", "10.0.0.0/100", "10.0.0.1", false],
            ["IpAddress", "x.0.0.0/8", "10.0.0.1", false],
            ["NotIpAddress", "10.0.0.0/8", "11.0.0.1", true],
        ];
        for (const [operator, expected, actual, holds] of ROWS) {
            it(`${operator} ${expected} against ${JSON.stringify(actual)}: ${holds}`, () => {
                const request: MatchRequest = { principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: OBJECT, context: { "aws:Key": actual } };
                expect(evaluatePolicy({ Statement: [put({ [operator]: { "aws:Key": expected } })] }, request).decision).to.equal(holds ? "Allowed" : "ImplicitlyDenied");
            });
        }
        it("with ForAnyValue on an absent key: false, even for a negated operator; ForAllValues: true; IfExists: true", () => {
            const request: MatchRequest = { principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: OBJECT, context: {} };
            const decide = (condition: Record<string, unknown>) => evaluatePolicy({ Statement: [put(condition)] }, request).decision;
            expect(decide({ "ForAnyValue:StringNotEquals": { "aws:Key": "a" } })).to.equal("ImplicitlyDenied");
            expect(decide({ "ForAllValues:StringEquals": { "aws:Key": "a" } })).to.equal("Allowed");
            expect(decide({ "ForAnyValue:StringEqualsIfExists": { "aws:Key": "a" } })).to.equal("Allowed");
            expect(decide({ "forallvalues:stringequals": { "aws:Key": "a" } })).to.equal("Allowed");
            expect(decide({ StringEqualsifexists: { "aws:Key": "a" } })).to.equal("Allowed");
            expect(decide({ StringEquals: { "aws:Key": "a" } })).to.equal("ImplicitlyDenied");
            expect(decide({ StringNotEquals: { "aws:Key": "a" } })).to.equal("Allowed");
            expect(decide({ "xForAnyValue:StringEquals": { "aws:Key": "a" } })).to.equal("Unknown");
            expect(decide({ StringEqualsIfExistsx: { "aws:Key": "a" } })).to.equal("Unknown");
            const many: MatchRequest = { ...request, context: { "aws:Key": ["a", "b"] } };
            expect(evaluatePolicy({ Statement: [put({ StringEquals: { "aws:Key": "a" } })] }, many).decision).to.equal("Allowed");
            expect(evaluatePolicy({ Statement: [put({ "ForAllValues:StringEquals": { "aws:Key": "a" } })] }, many).decision).to.equal("ImplicitlyDenied");
            expect(evaluatePolicy({ Statement: [put({ Null: { "aws:Key": ["false", "true"] } })] }, many).decision).to.equal("Allowed");
            expect(evaluatePolicy({ Statement: [put({ Null: { "aws:Key": "TRUE" } })] }, many).decision).to.equal("ImplicitlyDenied");
        });
    });

    it("reads principals exactly: account roots, assumed roles, federated and canonical users", () => {
        const asked = (principal: string): MatchRequest => ({ principal, action: "s3:PutObject", resource: OBJECT, context: {} });
        const by = (block: unknown) => ({ Statement: [put(undefined, { Principal: block })] });
        expect(evaluatePolicy(by({ AWS: `arn:aws:iam::${OTHER}:rootx` }), asked(STRANGER)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ AWS: `xarn:aws:iam::${OTHER}:root` }), asked(STRANGER)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ AWS: `arn:aws-cn:iam::${OTHER}:root` }), asked(`arn:aws-cn:iam::${OTHER}:role/x`)).decision).to.equal("Allowed");
        expect(evaluatePolicy(by({ AWS: OTHER }), asked(`xarn:aws:iam::${OTHER}:role/x`)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ AWS: OTHER }), asked(`arn:aws:iam::${OTHER}:role/x`)).decision).to.equal("Allowed");
        expect(evaluatePolicy(by({ AWS: OTHER }), asked(`arn:aws:sts::${OTHER}:assumed-role/x/s`)).decision).to.equal("Allowed");
        expect(evaluatePolicy(by({ AWS: OTHER }), asked(`arn:aws:s3:::${OTHER}:x`)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ AWS: STRANGER }), asked(`xarn:aws:sts::${OTHER}:assumed-role/Stranger/s`)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ AWS: STRANGER }), asked(`arn:aws:sts::${OTHER}:assumed-role/Stranger/`)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ AWS: STRANGER }), asked(`arn:aws:sts::${OTHER}:assumed-role/Stranger`)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ Federated: "*" }), asked(STRANGER)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ CanonicalUser: "*" }), asked(STRANGER)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ Service: "*" }), asked("cloudtrail.amazonaws.com")).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ Federated: OTHER }), asked(STRANGER)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by("cloudtrail.amazonaws.com"), asked("cloudtrail.amazonaws.com")).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by(null), asked(STRANGER)).decision).to.equal("ImplicitlyDenied");
    });

    it("matches Resource and ARN parts exactly, and nothing for a pattern that is not a string", () => {
        const asked = (resource: string, context: Record<string, string> = {}): MatchRequest => ({ principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource, context });
        const withResource = (resource: unknown) => ({ Statement: [put(undefined, { Resource: resource })] });
        expect(evaluatePolicy(withResource([42]), asked(OBJECT)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(withResource(`${BUCKET}/\${aws:SourceAccount}*`), asked(`${BUCKET}/x`)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(withResource(`${BUCKET}/\${ aws:SourceAccount }/x`), asked(`${BUCKET}/a/x`, { "aws:SourceAccount": "a" })).decision).to.equal("Allowed");
        expect(evaluatePolicy(withResource(`${BUCKET}/\${aws:SourceAccount,'d'}/x`), asked(`${BUCKET}/d/x`)).decision).to.equal("Allowed");
        expect(evaluatePolicy(withResource(`${BUCKET}/\${aws:SourceAccount, 'd'x}/x`), asked(`${BUCKET}/d/x`)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(withResource(`${BUCKET}/\${aws:SourceAccount, x'd'}/x`), asked(`${BUCKET}/d/x`)).decision).to.equal("ImplicitlyDenied");
        expect(arnMatch("arn:aws:s3", "arn:aws:s3:::b")).to.equal(false);
        expect(arnMatch("arn:aws:s3*", "arn:aws:s3:::b")).to.equal(true);
        expect(arnMatch("arn:aws:s3*", "arn:aws:s3")).to.equal(false);
        expect(arnMatch("arn:aws:s3:::b", "arn:aws:s3")).to.equal(false);
        expect(arnMatch("arn:*:*:*:*:b:c", "arn:aws:s3:::b:c")).to.equal(true);
        expect(arnMatch("arn:*:*:*:*:b", "arn:aws:s3:::b:c")).to.equal(false);
    });

    it("names service principals by Service only, and federated and canonical users by their own kind", () => {
        const asked = (principal: string): MatchRequest => ({ principal, action: "s3:PutObject", resource: OBJECT, context: {} });
        const by = (block: unknown) => ({ Statement: [put(undefined, { Principal: block })] });
        expect(evaluatePolicy(by({ AWS: "*" }), asked("cloudtrail.amazonaws.com")).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ Service: "cloudtrail.amazonaws.com" }), asked(STRANGER)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ Service: "cloudtrail.amazonaws.com" }), asked("cloudtrail.amazonaws.com.cn")).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ Service: ["config.amazonaws.com", "cloudtrail.amazonaws.com.cn"] }), asked("cloudtrail.amazonaws.com.cn")).decision).to.equal("Allowed");
        expect(evaluatePolicy(by({ Federated: "cognito-identity.amazonaws.com" }), asked("cognito-identity.amazonaws.com")).decision).to.equal("Allowed");
        expect(evaluatePolicy(by({ Federated: "arn:aws:iam::111122223333:saml-provider/idp" }), asked("arn:aws:iam::111122223333:saml-provider/idp")).decision).to.equal("Allowed");
        expect(evaluatePolicy(by({ CanonicalUser: "abc" }), asked("abc")).decision).to.equal("Allowed");
        expect(evaluatePolicy(by({ AWS: [42] }), asked(STRANGER)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by(["*"]), asked(STRANGER)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by(undefined), asked(STRANGER)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ AWS: `arn:aws:iam::${OTHER}:root` }), asked(`arn:aws:iam::${OWNER}:role/x`)).decision).to.equal("ImplicitlyDenied");
        expect(evaluatePolicy(by({ AWS: OTHER }), asked(OTHER)).decision).to.equal("Allowed");
        expect(evaluatePolicy(by({ AWS: STRANGER }), asked(`arn:aws:sts::${OTHER}:assumed-role/Other/s`)).decision).to.equal("ImplicitlyDenied");
    });
});
