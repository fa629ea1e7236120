import { expect } from "chai";
import type { AnalyzerResource } from "../../tools/policy/analyzer";
import type { Violation } from "../../tools/policy/violations";
import { cloudTrailWrite, tlsDeny, compliantBucket, resource, withChange } from "../support/fixtures";
import { PackUnderTest } from "../support/pack";

const AUDIT = "network-compliance-logs-123456789012-us-east-1";
const PLAIN = "website-assets";

type Row = [string, string, () => AnalyzerResource[], ...([] | [Record<string, unknown>])];

// Each row: the rule, what the resources do wrong, and the resources. Every row must raise the rule on a
// resource it names; the compliant baselines below must raise nothing mandatory.
const VIOLATIONS: Row[] = [
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

describe("the policy pack, driven over the Analyzer protocol", function () {
    let pack: PackUnderTest;
    before(async () => {
        pack = await PackUnderTest.start();
    });
    after(() => pack?.close());

    const mandatory = (violations: Violation[]): Violation[] => violations.filter((violation) => violation.enforcementLevel === "mandatory");

    it("passes a compliant hand-written bucket and a compliant audit-log bucket with no violation at all", async () => {
        expect(await pack.verdicts([...compliantBucket(PLAIN), ...compliantBucket(AUDIT)])).to.deep.equal([]);
    });

    it("passes a key with rotation and leaves asymmetric keys alone", async () => {
        const keys = [resource("aws:kms/key:Key", "rotating", { enableKeyRotation: true }), resource("aws:kms/key:Key", "signing", { keyUsage: "SIGN_VERIFY", customerMasterKeySpec: "RSA_2048" })];
        expect(await pack.verdicts(keys)).to.deep.equal([]);
    });

    it("allows a public principal when a condition confines it to the organization", async () => {
        const statements = [tlsDeny(PLAIN), { Sid: "OrgRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${PLAIN}/*`, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }];
        expect(mandatory(await pack.verdicts(compliantBucket(PLAIN, { statements })))).to.deep.equal([]);
    });

    it("does not apply audit-log rules to other buckets", async () => {
        const short = compliantBucket(PLAIN, { lifecycleRules: [{ id: "short", status: "Enabled", expiration: { days: 7 } }] });
        expect(await pack.verdicts(short)).to.deep.equal([]);
    });

    it("treats a bucket as audit-log by a configured name prefix", async () => {
        const short = compliantBucket("org-trail-logs", { lifecycleRules: [{ id: "short", status: "Enabled", expiration: { days: 7 }, noncurrentVersionExpiration: { noncurrentDays: 1 } }] });
        const violations = await pack.verdicts(short, { "audit-log-retention": { bucketNamePrefix: "org-trail-" } });
        expect(violations.map((violation) => violation.policy)).to.deep.equal(["audit-log-retention"]);
    });

    it("downgrades and disables rules through policy config, as the CLI does", async () => {
        const broken = withChange(compliantBucket(PLAIN), "versioning", undefined);
        const advisory = await pack.verdicts(broken, { "s3-bucket-versioning-enabled": "advisory" });
        expect(advisory.map((violation) => [violation.policy, violation.enforcementLevel])).to.deep.equal([["s3-bucket-versioning-enabled", "advisory"]]);
        expect(await pack.verdicts(broken, { "s3-bucket-versioning-enabled": { enforcementLevel: "disabled" } })).to.deep.equal([]);
    });

    for (const [policy, what, resources, config] of VIOLATIONS) {
        it(`${policy}: reports a bucket that ${what}`, async () => {
            const given = resources();
            const violations = await pack.verdicts(given, config as Record<string, never> | undefined);
            const raised = violations.filter((violation) => violation.policy === policy);
            expect(raised, JSON.stringify(violations, null, 2)).to.have.length.greaterThan(0);
            const urns = new Set(given.map((r) => r.urn));
            for (const violation of raised) {
                expect(urns.has(violation.urn), `violation names ${violation.urn}`).to.equal(true);
                expect(violation.message).to.match(/: |set|add|remove/);
            }
            const expected = pack.info.policies.find((p) => p.name === policy)?.enforcementLevel;
            expect(raised[0].enforcementLevel).to.equal(expected);
        });
    }
});
