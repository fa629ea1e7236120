import { expect } from "chai";
import { policies } from "../../policy-pack/policies";
import { compliantBucket, resource, tlsDeny, withChange } from "../support/fixtures";
import { inProcessVerdicts } from "../support/inProcessPack";
import { AUDIT, MESSAGES, PLAIN, VIOLATIONS } from "./cases";

describe("the pack's policies, called in process", () => {
    it("each carry a description a reviewer can read in a pull-request check", () => {
        for (const policy of policies) {
            expect(policy.description, policy.name).to.match(/^[A-Z].{40,}[.)]$/);
        }
    });

    it("declare their knobs with defaults, and the audit-log rules the bucket name prefix", () => {
        const schema = (name: string) => policies.find((policy) => policy.name === name)?.configSchema?.properties ?? {};
        expect(schema("audit-log-retention").minRetentionDays).to.include({ type: "integer", default: 365 });
        expect(schema("s3-bucket-encryption-declared").requireKms).to.include({ type: "boolean", default: false });
        for (const name of ["audit-log-retention", "audit-log-service-grants-scoped", "audit-log-deliveries-confined", "audit-log-object-lock", "audit-log-access-logging", "audit-log-noncurrent-expiration"]) {
            expect(schema(name).bucketNamePrefix, name).to.include({ type: "string", default: "network-compliance-logs-" });
        }
    });

    it("apply the audit-log rules to audit-log buckets only", () => {
        const other = compliantBucket(PLAIN, {
            statements: [tlsDeny(PLAIN), { Sid: "Unscoped", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${PLAIN}/*` }],
            lifecycleRules: [{ id: "short", status: "Enabled", expiration: { days: 7 } }],
        });
        const bare = withChange(withChange(other, "lock", undefined), "logging", undefined);
        expect(inProcessVerdicts(bare)).to.deep.equal([]);
    });

    it("accept the organization-trail and Config deliveries written the way the component writes them", () => {
        const statements = [
            tlsDeny(AUDIT),
            {
                Sid: "OrgWrite",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `arn:aws:s3:::${AUDIT}/cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceOrgID": "o-a1b2c3d4e5" } },
            },
            {
                Sid: "ConfigWrite",
                Effect: "Allow",
                Principal: { Service: "config.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `arn:aws:s3:::${AUDIT}/config-logs/AWSLogs/123456789012/Config/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": "123456789012" } },
            },
            // Denies and grants to IAM roles are not service grants: no source condition is needed.
            { Sid: "DenyService", Effect: "Deny", Principal: { Service: "config.amazonaws.com" }, Action: "s3:DeleteObject", Resource: `arn:aws:s3:::${AUDIT}/*` },
            { Sid: "Reader", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/r" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${AUDIT}/*` },
        ];
        expect(inProcessVerdicts(compliantBucket(AUDIT, { statements }))).to.deep.equal([]);
    });

    it("do not count a disabled lifecycle rule, nor a TLS deny that misses the objects or lets PutObject through", () => {
        const disabled = compliantBucket(AUDIT, { lifecycleRules: [{ id: "off", status: "Disabled", expiration: { days: 1 } }, { id: "keep", status: "Enabled", expiration: { days: 400 }, noncurrentVersionExpiration: { noncurrentDays: 30 } }] });
        expect(inProcessVerdicts(disabled)).to.deep.equal([]);
        const bucketOnly = compliantBucket(PLAIN, { statements: [{ ...tlsDeny(PLAIN), Resource: `arn:aws:s3:::${PLAIN}` }] });
        const getOnly = compliantBucket(PLAIN, { statements: [{ ...tlsDeny(PLAIN), Action: "s3:GetObject" }] });
        const allow = compliantBucket(PLAIN, { statements: [{ ...tlsDeny(PLAIN), Effect: "Allow" }] });
        const named = compliantBucket(PLAIN, { statements: [{ ...tlsDeny(PLAIN), Principal: { AWS: "arn:aws:iam::123456789012:root" } }] });
        for (const resources of [bucketOnly, getOnly, allow, named]) {
            expect(inProcessVerdicts(resources).map((v) => v.policy)).to.include("s3-bucket-denies-insecure-transport");
        }
    });

    it("judge rotation only for keys that can rotate", () => {
        const keys = [
            resource("aws:kms/key:Key", "rsa-encrypt", { customerMasterKeySpec: "RSA_2048", keyUsage: "ENCRYPT_DECRYPT", enableKeyRotation: false }),
            resource("aws:kms/key:Key", "symmetric-mac", { keySpec: "SYMMETRIC_DEFAULT", keyUsage: "GENERATE_VERIFY_MAC", enableKeyRotation: false }),
        ];
        expect(inProcessVerdicts(keys)).to.deep.equal([]);
        expect(inProcessVerdicts([resource("aws:kms/key:Key", "default", {})]).map((v) => v.policy)).to.deep.equal(["kms-key-rotation-enabled"]);
    });

    it("count SSE-KMS with DSSE as KMS, needing a Bucket Key too", () => {
        const dsse = withChange(compliantBucket(PLAIN), "sse", (p) => ({ ...p, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" } }] }));
        expect(inProcessVerdicts(dsse, { "s3-bucket-encryption-declared": { requireKms: true } }).map((v) => v.message)).to.satisfy((messages: string[]) =>
            messages.length === 1 && messages[0].includes("without an S3 Bucket Key"),
        );
    });

    it("report each public-access setting that is off, and only those", () => {
        const two = withChange(compliantBucket(PLAIN), "pab", (p) => ({ ...p, blockPublicAcls: false, ignorePublicAcls: false }));
        expect(inProcessVerdicts(two).map((v) => v.message.split("\n")[1])).to.deep.equal([
            'bucket "website-assets" (website-assets-bucket) leaves public access open: set blockPublicAcls: true, ignorePublicAcls: true on its BucketPublicAccessBlock.',
        ]);
    });

    it("have an expected message for every case", () => {
        expect(VIOLATIONS.map(([, what]) => what).filter((what) => !MESSAGES[what])).to.deep.equal([]);
    });

    it("raise nothing on compliant buckets and rotating keys", () => {
        expect(inProcessVerdicts([...compliantBucket(PLAIN), ...compliantBucket(AUDIT), resource("aws:kms/key:Key", "k", { enableKeyRotation: true })])).to.deep.equal([]);
    });

    it("leave a key that cannot rotate alone", () => {
        expect(inProcessVerdicts([resource("aws:kms/key:Key", "hmac", { keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" })])).to.deep.equal([]);
    });

    it("accept a TLS deny written with BoolIfExists and s3:* on objects", () => {
        const statements = [{ ...tlsDeny(PLAIN), Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }];
        expect(inProcessVerdicts(compliantBucket(PLAIN, { statements }))).to.deep.equal([]);
    });

    it("join settings by property dependency when the bucket's name is not known yet", () => {
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        const resources = compliantBucket(PLAIN).map((r) => ({ ...r, properties: { ...r.properties, bucket: unknown } }));
        expect(inProcessVerdicts(resources).filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy)).to.deep.equal([]);
    });

    it("count inline versioning and encryption on a bucket that has no split resources", () => {
        const inline = withChange(withChange(compliantBucket(PLAIN), "versioning", undefined), "sse", undefined).map((r) =>
            r.type === "aws:s3/bucket:Bucket" ? { ...r, properties: { ...r.properties, versioning: { enabled: true }, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } } } : r,
        );
        expect(inProcessVerdicts(inline)).to.deep.equal([]);
    });

    for (const [policy, what, resources, config] of VIOLATIONS) {
        it(`${policy}: reports a bucket that ${what}`, () => {
            const violations = inProcessVerdicts(resources(), config as Record<string, never> | undefined);
            const raised = violations.filter((v) => v.policy === policy);
            expect(raised, JSON.stringify(violations, null, 2)).to.have.length(1);
            // The message after the policy's description line: what is wrong, where, and how to fix it.
            expect(raised[0].message.split("\n").slice(1).join("\n")).to.match(MESSAGES[what]);
        });
    }
});
