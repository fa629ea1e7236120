import { expect } from "chai";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { MIN_RETENTION_DAYS } from "../../components/constants";
import { METADATA } from "../../policy-pack/lib/rule";
import { policies } from "../../policy-pack/policies";
import { ACCESS_POINT_CASES, ACCESS_POINT_STYLES, BUCKET_CASES, KEY_CASES, KEY_STYLES, OTHER_CASES, PENDING_CASES, PENDING_MESSAGES, STYLES, caseResources } from "./cases";
import { inProcessVerdicts } from "./harness";

const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T>(value: T) => T };
import { ACCOUNT, ALL_BLOCKED, AUDIT, PLAIN, UNKNOWN, compliantKey, compliantSpec, render, renderAccessPoint, renderKey, tlsDeny } from "./styles";

/** Every policy's name and default level: changing one must change this table. */
const PINNED: [string, string][] = [
    ["s3-bucket-blocks-public-access", "mandatory"],
    ["s3-account-blocks-public-access", "mandatory"],
    ["s3-access-point-blocks-public-access", "mandatory"],
    ["s3-bucket-owner-enforced", "mandatory"],
    ["s3-bucket-versioning-enabled", "mandatory"],
    ["s3-bucket-encryption-declared", "mandatory"],
    ["s3-bucket-denies-insecure-transport", "mandatory"],
    ["s3-policy-no-public-principal", "mandatory"],
    ["s3-policy-no-cross-account-admin", "mandatory"],
    ["s3-policy-no-lockout", "mandatory"],
    ["s3-no-public-acl", "mandatory"],
    ["s3-bucket-no-force-destroy", "mandatory"],
    ["kms-key-rotation-enabled", "mandatory"],
    ["kms-key-policy-no-public-principal", "mandatory"],
    ["kms-key-no-lockout-bypass", "mandatory"],
    ["audit-log-retention", "mandatory"],
    ["audit-log-service-grants-scoped", "mandatory"],
    ["audit-log-deliveries-confined", "mandatory"],
    ["audit-log-no-website", "mandatory"],
    ["audit-log-no-cors", "mandatory"],
    ["audit-log-access-logs-not-self", "mandatory"],
    ["audit-log-key-enabled", "mandatory"],
    ["audit-log-object-lock", "advisory"],
    ["audit-log-access-logging", "advisory"],
    ["audit-log-noncurrent-expiration", "advisory"],
    ["audit-log-abort-incomplete-uploads", "advisory"],
    ["audit-log-replication", "advisory"],
    ["audit-log-event-notifications", "advisory"],
    ["audit-log-key-deletion-window", "advisory"],
    ["audit-log-key-customer-managed", "advisory"],
    ["kms-key-single-region", "advisory"],
    ["kms-key-policy-defined", "advisory"],
    ["s3-remediate-public-access-block", "disabled"],
    ["s3-remediate-owner-enforced", "disabled"],
    ["s3-remediate-versioning", "disabled"],
    ["s3-remediate-bucket-key", "disabled"],
    ["s3-remediate-no-force-destroy", "disabled"],
    ["kms-remediate-key-rotation", "disabled"],
    ["audit-log-blocks-sse-c", "advisory"],
    ["cloudtrail-delivery-admitted", "mandatory"],
    ["config-delivery-admitted", "mandatory"],
    ["s3-access-log-delivery-admitted", "mandatory"],
    ["s3-access-log-target-sse-s3", "advisory"],
    ["s3-policy-within-size-limit", "mandatory"],
    ["kms-key-policy-within-size-limit", "mandatory"],
    ["s3-config-delivery-no-object-lock", "mandatory"],
    ["s3-replication-role-admitted", "mandatory"],
    ["audit-log-vault-isolated", "advisory"],
];

const PENDING = "not decided until `pulumi up`";

/** A server access log grant of `target` for `source`, scoped by the source bucket's ARN (S3's log delivery). */
function selfLogging(target: string, source = target): Record<string, unknown> {
    return { Sid: "ServerAccessLogs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${target}/x/*`, Condition: { ArnLike: { "aws:SourceArn": `arn:aws:s3:::${source}` } } };
}

/** The resources on a provider of us-east-1: the partition of their ARNs is then known. */
function inRegion(resources: ReturnType<typeof render>): ReturnType<typeof render> {
    const provider = { urn: "urn:pulumi:test::fixtures::pulumi:providers:aws::regional", type: "pulumi:providers:aws", name: "regional", properties: { region: "us-east-1" }, dependencies: [] };
    return [provider, ...resources.map((r) => ({ ...r, provider: `${provider.urn}::id` }))];
}

describe("the pack's policies, called in process", () => {
    it("are exactly the pinned names, in order, each at its pinned default level", () => {
        expect(policies.map((policy) => [policy.name, policy.enforcementLevel])).to.deep.equal(PINNED);
    });

    it("each carry a description a reviewer can read in a pull-request check, and metadata for the README", () => {
        for (const policy of policies) {
            expect(policy.description, policy.name).to.match(/^[A-Z].{40,}[.)]$/);
            expect(METADATA.get(policy.name), policy.name).to.not.equal(undefined);
        }
        expect(METADATA.get("audit-log-retention")?.auditLogOnly).to.equal(true);
        expect(METADATA.get("s3-bucket-owner-enforced")?.auditLogOnly).to.equal(false);
        expect(METADATA.get("s3-bucket-denies-insecure-transport")?.anchors).to.include("SH S3.5");
    });

    it("declare their knobs with defaults, and the audit-log rules the bucket name prefix", () => {
        const schema = (name: string) => policies.find((policy) => policy.name === name)?.configSchema?.properties ?? {};
        // The component refuses a shorter retention than the pack's default: its output never fails the rule.
        expect(schema("audit-log-retention").minRetentionDays).to.include({ type: "integer", default: 365 }).and.to.include({ default: MIN_RETENTION_DAYS });
        expect(schema("s3-bucket-encryption-declared").requireKms).to.include({ type: "boolean", default: false });
        expect(schema("audit-log-object-lock").requireObjectLock).to.include({ type: "boolean", default: true });
        expect(schema("audit-log-object-lock").minObjectLockDays).to.include({ type: "integer", default: 1 });
        expect(schema("audit-log-object-lock").requireComplianceMode).to.include({ type: "boolean", default: false });
        expect(schema("s3-policy-no-cross-account-admin").accountIds).to.deep.include({ type: "array", default: [] });
        for (const [name] of PINNED.filter(([name]) => METADATA.get(name)?.auditLogOnly)) {
            expect(schema(name).bucketNamePrefix, name).to.include({ type: "string", default: "network-compliance-logs-" });
        }
    });

    for (const style of STYLES) {
        it(`raise nothing on compliant buckets written as ${style}, known or not yet known`, () => {
            expect(inProcessVerdicts([...render(compliantSpec(PLAIN), style), ...render(compliantSpec(AUDIT), style)])).to.deep.equal([]);
            expect(inProcessVerdicts(render(compliantSpec(AUDIT), style, { unknownBucketIds: true }))).to.deep.equal([]);
        });
    }

    for (const style of KEY_STYLES) {
        it(`raise nothing on a compliant key written as ${style}, nor on the audit-log bucket it encrypts`, () => {
            expect(inProcessVerdicts(renderKey(compliantKey("logs-key"), style))).to.deep.equal([]);
        });
    }

    for (const row of BUCKET_CASES) {
        for (const style of row.styles ?? STYLES) {
            it(`${row.policy}: reports once a bucket that ${row.what} (${style})`, () => {
                const violations = inProcessVerdicts(caseResources(row, style), row.config);
                const raised = violations.filter((v) => v.policy === row.policy);
                expect(raised, JSON.stringify(violations, null, 2)).to.have.length(1);
                expect(raised[0].message.split("\n").slice(1).join("\n")).to.match(row.message);
            });
        }
    }

    for (const row of KEY_CASES) {
        for (const style of row.styles ?? KEY_STYLES) {
            it(`${row.policy}: reports once a stack that ${row.what} (${style})`, () => {
                const violations = inProcessVerdicts(row.resources(style));
                const raised = violations.filter((v) => v.policy === row.policy);
                expect(raised, JSON.stringify(violations, null, 2)).to.have.length(1);
                expect(raised[0].message.split("\n").slice(1).join("\n")).to.match(row.message);
                expect(violations.filter((v) => v.enforcementLevel === "mandatory" && v.policy !== row.policy)).to.deep.equal([]);
            });
        }
    }

    for (const style of ACCESS_POINT_STYLES) {
        it(`raise nothing on an access point written as ${style} with every setting on, or with the block left out (AWS's default)`, () => {
            expect(inProcessVerdicts(renderAccessPoint({ name: "reports-ap", block: ALL_BLOCKED }, style))).to.deep.equal([]);
            expect(inProcessVerdicts(renderAccessPoint({ name: "reports-ap" }, style))).to.deep.equal([]);
        });
    }

    for (const row of ACCESS_POINT_CASES) {
        for (const style of row.styles ?? ACCESS_POINT_STYLES) {
            it(`${row.policy}: reports once an access point that ${row.what} (${style})`, () => {
                const violations = inProcessVerdicts(renderAccessPoint(row.spec, style));
                expect(violations.map((v) => v.policy), JSON.stringify(violations, null, 2)).to.deep.equal([row.policy]);
                expect(violations[0].message.split("\n").slice(1).join("\n")).to.match(row.message);
            });
        }
    }

    it("take a setting left out of an @pulumi/aws access point block as on, the provider's documented default", () => {
        const partial = { blockPublicAcls: true, blockPublicPolicy: true };
        expect(inProcessVerdicts(renderAccessPoint({ name: "reports-ap", block: partial }, "aws.s3.AccessPoint"))).to.deep.equal([]);
        expect(inProcessVerdicts(renderAccessPoint({ name: "reports-ap", block: partial }, "aws.s3control.MultiRegionAccessPoint"))).to.deep.equal([]);
        expect(inProcessVerdicts(renderAccessPoint({ name: "reports-ap", block: { ...partial, restrictPublicBuckets: UNKNOWN } }, "aws.s3.AccessPoint")).map((v) => v.message.split("\n")[1])).to.deep.equal([
            "not decided until `pulumi up`: reports-ap sets restrictPublicBuckets of its publicAccessBlockConfiguration from values not known yet.",
        ]);
        // A setting that is off is reported even when another is not known yet.
        const mixed = inProcessVerdicts(renderAccessPoint({ name: "reports-ap", block: { ...ALL_BLOCKED, blockPublicAcls: false, ignorePublicAcls: UNKNOWN } }, "aws-native MultiRegionAccessPoint"));
        expect(mixed.map((v) => v.enforcementLevel)).to.deep.equal(["mandatory", "advisory"]);
        expect(inProcessVerdicts(renderAccessPoint({ name: "reports-ap", block: { ...ALL_BLOCKED, blockPublicAcls: null } }, "aws-native AccessPoint")).map((v) => v.policy)).to.deep.equal(["s3-access-point-blocks-public-access"]);
        expect(inProcessVerdicts(renderAccessPoint({ name: "reports-ap", block: null }, "aws-native MultiRegionAccessPoint"))).to.deep.equal([]);
        expect(inProcessVerdicts(renderAccessPoint({ name: "reports-ap", block: { ...ALL_BLOCKED, blockPublicAcls: UNKNOWN, ignorePublicAcls: UNKNOWN } }, "aws-native AccessPoint")).map((v) => v.message.split("\n")[1])).to.deep.equal([
            "not decided until `pulumi up`: reports-ap sets blockPublicAcls, ignorePublicAcls of its publicAccessBlockConfiguration from values not known yet.",
        ]);
    });

    describe("s3-policy-no-lockout: which denies leave only the root user able to fix a bucket policy", () => {
        const BUCKET = `arn:aws:s3:::${PLAIN}`;
        const deny = (statement: Record<string, unknown>): Record<string, unknown> => ({ Sid: "D", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [BUCKET, `${BUCKET}/*`], ...statement });
        const verdicts = (statement: Record<string, unknown>): string[] =>
            inProcessVerdicts(render(compliantSpec(PLAIN, { statements: [tlsDeny(PLAIN), statement] }), "v7 split resources"))
                .filter((v) => v.policy === "s3-policy-no-lockout")
                .map((v) => `${v.enforcementLevel}: ${v.message.split("\n").pop()}`);
        const LOCKED = /^mandatory: Statement D of website-assets-policy denies s3:PutBucketPolicy to /;
        const WAITS = /^advisory: not decided until `pulumi up`: statement D of website-assets-policy may deny s3:PutBucketPolicy to every principal of the account, from values not known yet\.$/;
        const ROWS: [string, Record<string, unknown>, RegExp | undefined][] = [
            ["a deny of s3:* to everyone", deny({}), LOCKED],
            ["a deny to {AWS: [*]} of s3:Put*", deny({ Principal: { AWS: ["*"] }, Action: "s3:Put*" }), /^mandatory: Statement D of website-assets-policy denies s3:PutBucketPolicy to everyone on the bucket/],
            ["a deny to two accounts", deny({ Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`, "999999999999"] } }), /denies s3:PutBucketPolicy to every principal of arn:aws:iam::123456789012:root, 999999999999 on the bucket/],
            ["a deny to everyone but two account roots", deny({ Principal: undefined, NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT] } }), /denies s3:PutBucketPolicy to everyone but arn:aws:iam::123456789012:root, 123456789012 on the bucket/],
            ["a deny with no Sid", deny({ Sid: undefined }), /^mandatory: Statement \(no Sid\) of website-assets-policy denies/],
            ["a deny to everyone but a role named like an account id", deny({ Principal: undefined, NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ops-${ACCOUNT}` } }), undefined],
            ["a deny to a principal id that only starts like an account id", deny({ Principal: { AWS: `${ACCOUNT}0` } }), undefined],
            ["a deny whose Resource is partly not known yet", deny({ Resource: [UNKNOWN, `${BUCKET}/*`] }), WAITS],
            ["a deny of everything but reads through NotAction", deny({ Action: undefined, NotAction: ["s3:GetObject", "s3:ListBucket"] }), LOCKED],
            ["a deny whose NotResource leaves the bucket in", deny({ Resource: undefined, NotResource: `${BUCKET}/*` }), LOCKED],
            ["a deny on Resource *", deny({ Resource: "*" }), LOCKED],
            ["a deny to an aws-cn account root", deny({ Principal: { AWS: `arn:aws-cn:iam::${ACCOUNT}:root` } }), /to every principal of arn:aws-cn:iam::123456789012:root on/],
            ["a deny with an empty Condition", deny({ Condition: {} }), LOCKED],
            ["a deny to everyone but a service", deny({ Principal: undefined, NotPrincipal: { Service: "cloudtrail.amazonaws.com" } }), /to everyone but the principals it names on/],
            ["the TLS deny (conditioned)", tlsDeny(PLAIN), undefined],
            ["the component's version-delete deny", deny({ Action: "s3:DeleteObjectVersion", Resource: `${BUCKET}/*` }), undefined],
            ["a deny of readers' changes to named roles", deny({ Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/reader`] }, Action: ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"] }), undefined],
            ["a deny that exempts an admin role by condition", deny({ Condition: { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/admin` } } }), undefined],
            ["a deny on objects only", deny({ Resource: `${BUCKET}/*` }), undefined],
            ["a deny whose NotResource names the bucket", deny({ Resource: undefined, NotResource: BUCKET }), undefined],
            ["a deny whose NotAction leaves PutBucketPolicy out", deny({ Action: undefined, NotAction: "s3:PutBucketPolicy" }), undefined],
            ["a deny to everyone but an admin role", deny({ Principal: undefined, NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/admin`, `arn:aws:iam::${ACCOUNT}:root`] } }), undefined],
            ["a deny with NotPrincipal *", deny({ Principal: undefined, NotPrincipal: "*" }), undefined],
            ["a deny to a service", deny({ Principal: { Service: "logging.s3.amazonaws.com" } }), undefined],
            ["an allow of s3:* to the account root", deny({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }), undefined],
            ["a deny to everyone with a Resource not known yet", deny({ Resource: [UNKNOWN] }), WAITS],
            ["a deny with an Effect not known yet", deny({ Effect: UNKNOWN }), WAITS],
            ["a deny with a Condition not known yet", deny({ Condition: UNKNOWN }), WAITS],
            ["a deny whose NotAction is not known yet", deny({ Action: undefined, NotAction: [UNKNOWN] }), WAITS],
            ["a deny whose Action is not known yet", deny({ Action: [UNKNOWN, "s3:GetObject"] }), WAITS],
            ["a deny whose NotPrincipal is not known yet", deny({ Principal: undefined, NotPrincipal: { AWS: UNKNOWN } }), WAITS],
            ["a deny whose Principal is not known yet", deny({ Principal: UNKNOWN }), WAITS],
            ["an allow with a Resource not known yet", deny({ Effect: "Allow", Resource: UNKNOWN, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` } }), undefined],
            ["a deny of reads only whose Resource is not known yet", deny({ Action: "s3:GetObject", Resource: UNKNOWN }), undefined],
            ["a deny of s3:* to everyone also naming a principal not known yet", deny({ Principal: { AWS: ["*", UNKNOWN] } }), LOCKED],
        ];
        for (const [what, statement, expected] of ROWS) {
            it(`judges ${what}`, () => {
                const found = verdicts(statement);
                if (expected) {
                    expect(found).to.have.length(1);
                    expect(found[0]).to.match(expected);
                } else {
                    expect(found).to.deep.equal([]);
                }
            });
        }

        it("reports each locking statement of one policy, and reads a single Statement object", () => {
            const two = render(compliantSpec(PLAIN, { statements: [tlsDeny(PLAIN), deny({ Sid: "A" }), deny({ Sid: "B", Action: "*" })] }), "inline on aws.s3.BucketV2");
            expect(inProcessVerdicts(two).filter((v) => v.policy === "s3-policy-no-lockout").map((v) => v.message.split("\n")[1].split(" ").slice(0, 2).join(" "))).to.deep.equal(["Statement A", "Statement B"]);
            const single = render(compliantSpec(PLAIN, { policyDocument: { Version: "2012-10-17", Statement: deny({}) } }), "aws-native");
            expect(inProcessVerdicts(single).filter((v) => v.policy === "s3-policy-no-lockout")).to.have.length(1);
        });

        it("leaves an unreadable policy to s3-policy-no-public-principal, reported once", () => {
            const broken = inProcessVerdicts(render(compliantSpec(PLAIN, { policyDocument: "{ not json" }), "v7 split resources"));
            expect(broken.filter((v) => v.policy === "s3-policy-no-lockout")).to.deep.equal([]);
            expect(broken.filter((v) => v.policy === "s3-policy-no-public-principal")).to.have.length(1);
        });
    });

    it("count a key's separate KeyPolicy, joined by key id or by dependency, as its own policy", () => {
        const key = renderKey(compliantKey("k", { statements: undefined }), "aws.kms.Key").map((r) => ({ ...r, properties: { ...r.properties, keyId: "1234abcd" } }));
        const policy = renderKey(compliantKey("k"), "aws.kms.Key with aws.kms.KeyPolicy")[1];
        const policyDefined = (resources: ReturnType<typeof renderKey>) => inProcessVerdicts(resources).filter((v) => v.policy === "kms-key-policy-defined").map((v) => `${v.enforcementLevel} ${v.urn}`);
        expect(policyDefined([...key, { ...policy, propertyDependencies: {}, properties: { ...policy.properties, keyId: "1234abcd" } }])).to.deep.equal([]);
        expect(policyDefined([...key, { ...policy, propertyDependencies: { keyId: [key[0].urn] } }])).to.deep.equal([]);
        // A KeyPolicy for a key outside the stack (a known id of no key here) leaves this key without one.
        expect(policyDefined([...key, { ...policy, propertyDependencies: {}, properties: { ...policy.properties, keyId: "other" } }])).to.deep.equal([`advisory ${key[0].urn}`]);
        // A policy not known yet is still a policy of the key's own.
        expect(policyDefined(renderKey(compliantKey("k", { policyDocument: UNKNOWN }), "aws-native"))).to.deep.equal([]);
        expect(policyDefined(renderKey(compliantKey("k", { policyDocument: "" }), "aws.kms.Key"))).to.deep.equal([`advisory ${key[0].urn}`]);
        const nullPolicy = renderKey(compliantKey("k"), "aws.kms.Key").map((r) => ({ ...r, properties: { ...r.properties, policy: null } }));
        expect(policyDefined(nullPolicy)).to.deep.equal([`advisory ${key[0].urn}`]);
        // A KeyPolicy joined to the key that carries no document does not count.
        expect(policyDefined(renderKey(compliantKey("k", { statements: undefined }), "aws.kms.Key with aws.kms.KeyPolicy"))).to.deep.equal([`advisory ${key[0].urn}`]);
    });

    it("say which KeyPolicy resources may be a key's own while their key is not known, and name a key with none", () => {
        const [key, policy] = renderKey(compliantKey("k", { statements: undefined }), "aws.kms.Key with aws.kms.KeyPolicy");
        const withPolicy = renderKey(compliantKey("k"), "aws.kms.Key with aws.kms.KeyPolicy")[1];
        const orphan = (name: string, keyId: unknown) => ({ ...withPolicy, urn: `${withPolicy.urn}-${name}`, name, propertyDependencies: {}, properties: { ...withPolicy.properties, keyId } });
        const messages = (resources: ReturnType<typeof renderKey>) => inProcessVerdicts(resources).filter((v) => v.policy === "kms-key-policy-defined").map((v) => v.message.split("\n")[1]);
        expect(messages([key, orphan("a-policy", UNKNOWN), orphan("b-policy", UNKNOWN)])).to.deep.equal(["not decided until `pulumi up`: KMS key k has no policy of its own; a-policy, b-policy may be its KeyPolicy, for a key not known yet."]);
        expect(messages([key, orphan("a-policy", "other-key")])).to.deep.equal([
            "KMS key k has no key policy, so it gets the default one, under which any IAM policy of the account can grant its use: set policy, or add an aws.kms.KeyPolicy for it.",
        ]);
        expect(messages([key, policy].map((r) => ({ ...r })))).to.have.length(1);
    });

    for (const row of OTHER_CASES) {
        it(`${row.policy}: reports once a stack that ${row.what}`, () => {
            const raised = inProcessVerdicts(row.resources()).filter((v) => v.policy === row.policy);
            expect(raised).to.have.length(1);
            expect(raised[0].message.split("\n").slice(1).join("\n")).to.match(row.message);
        });
    }

    for (const row of PENDING_CASES) {
        it(`${row.policy}: waits for \`up\` when ${row.what}`, () => {
            const resources = row.resources();
            const violations = inProcessVerdicts(resources);
            const target = resources.find((r) => r.name === row.on)?.urn;
            expect(violations.filter((v) => v.enforcementLevel !== "advisory")).to.deep.equal([]);
            const pending = violations.filter((v) => v.policy === row.policy);
            expect(pending.length, JSON.stringify(violations, null, 2)).to.be.greaterThan(0);
            for (const violation of pending) {
                expect(violation.message).to.include(`\n${PENDING}: `);
                expect(violation.message.startsWith(policies.find((p) => p.name === row.policy)?.description ?? "?")).to.equal(true);
            }
            expect(pending.map((v) => v.urn)).to.include(target);
            expect(pending.map((v) => v.message.split(`\n${PENDING}: `)[1])).to.deep.equal(PENDING_MESSAGES[`${row.policy}: ${row.what}`]);
        });
    }

    it("apply the audit-log rules to audit-log buckets only", () => {
        const other = compliantSpec(PLAIN, {
            statements: [tlsDeny(PLAIN), { Sid: "Unscoped", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${PLAIN}/*` }, selfLogging(PLAIN)],
            encryption: { algorithm: "AES256" },
            lifecycle: [{ id: "short", enabled: true, expirationDays: 7 }],
            objectLock: undefined,
            logging: { targetBucket: PLAIN },
            website: true,
            cors: true,
            replication: false,
            notification: false,
        });
        expect(inProcessVerdicts(inRegion(render(other, "v7 split resources")))).to.deep.equal([]);
    });

    it("accept the organization-trail, member-account and Config deliveries written the way the component writes them", () => {
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
                Sid: "MemberAccountWrite",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `arn:aws:s3:::${AUDIT}/cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/210987654321/*`,
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
            { Sid: "DenyVersionDeletes", Effect: "Deny", Principal: "*", Action: "s3:DeleteObjectVersion", Resource: `arn:aws:s3:::${AUDIT}/*` },
        ];
        // AWS-CFG-150: a bucket that receives Config carries no Object Lock (its WORM copy is a vault: vault.test.ts).
        const config = { "s3-policy-no-cross-account-admin": { accountIds: ["123456789012"] }, "audit-log-object-lock": { requireObjectLock: false } };
        expect(inProcessVerdicts(render(compliantSpec(AUDIT, { statements, objectLock: undefined }), "v7 split resources"), config)).to.deep.equal([]);
    });

    it("do not count a disabled lifecycle rule, nor a TLS deny that misses the objects or lets PutObject through", () => {
        const disabled = compliantSpec(AUDIT, { lifecycle: [{ id: "off", enabled: false, expirationDays: 1 }, { id: "keep", enabled: true, expirationDays: 400, noncurrentDays: 30, abortDays: 7 }] });
        expect(inProcessVerdicts(render(disabled, "aws-native"))).to.deep.equal([]);
        const broken = [
            [{ ...tlsDeny(PLAIN), Resource: `arn:aws:s3:::${PLAIN}` }],
            [{ ...tlsDeny(PLAIN), Action: "s3:GetObject" }],
            [{ ...tlsDeny(PLAIN), Action: "s3:PutObject" }],
            [{ ...tlsDeny(PLAIN), Effect: "Allow" }],
            [{ ...tlsDeny(PLAIN), Principal: { AWS: "arn:aws:iam::123456789012:root" } }],
            [{ ...tlsDeny(PLAIN), Condition: { StringEquals: { "aws:SecureTransport": "false" } } }],
        ];
        for (const statements of broken) {
            expect(inProcessVerdicts(render(compliantSpec(PLAIN, { statements }), "v7 split resources")).map((v) => v.policy), JSON.stringify(statements)).to.include("s3-bucket-denies-insecure-transport");
        }
    });

    it("accept a TLS deny written with BoolIfExists, with NotAction, or with {AWS: *}", () => {
        for (const deny of [
            { ...tlsDeny(PLAIN), Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } },
            { ...tlsDeny(PLAIN), Action: undefined, NotAction: "s3:ListAllMyBuckets" },
            { ...tlsDeny(PLAIN), Principal: { AWS: "*" }, Action: ["s3:GetObject", "s3:PutObject"] },
        ]) {
            expect(inProcessVerdicts(render(compliantSpec(PLAIN, { statements: [deny] }), "v7 split resources")), JSON.stringify(deny)).to.deep.equal([]);
        }
    });

    it("judge rotation only for keys that can rotate", () => {
        const keys = renderKey(compliantKey("rsa", { rotation: false }), "aws.kms.Key").map((r) => ({ ...r, properties: { ...r.properties, customerMasterKeySpec: "RSA_2048" } }));
        const mac = renderKey(compliantKey("mac", { rotation: false }), "aws-native").map((r) => ({ ...r, properties: { ...r.properties, keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" } }));
        const symmetricMac = renderKey(compliantKey("symmetric-mac", { rotation: false }), "aws.kms.Key").map((r) => ({ ...r, properties: { ...r.properties, keyUsage: "GENERATE_VERIFY_MAC" } }));
        expect(inProcessVerdicts([...keys, ...mac, ...symmetricMac])).to.deep.equal([]);
    });

    it("count SSE-KMS with DSSE as KMS, needing a Bucket Key too", () => {
        const dsse = render(compliantSpec(PLAIN, { encryption: { algorithm: "aws:kms:dsse", kmsKeyId: "k" } }), "v7 split resources");
        const messages = inProcessVerdicts(dsse, { "s3-bucket-encryption-declared": { requireKms: true } }).map((v) => v.message);
        expect(messages).to.have.length(1);
        expect(messages[0]).to.include("without an S3 Bucket Key");
    });

    it("leave a server access log target on SSE-S3 under requireKms: S3 delivers access logs to SSE-S3 targets only", () => {
        const config = { "s3-bucket-encryption-declared": { requireKms: true } };
        for (const style of STYLES) {
            const target = render(compliantSpec("access-logs", { encryption: { algorithm: "AES256" }, logging: undefined, objectLock: undefined, statements: [tlsDeny("access-logs"), selfLogging("access-logs", PLAIN)] }), style);
            const source = render(compliantSpec(PLAIN, { logging: { targetBucket: "access-logs" } }), style);
            expect(inProcessVerdicts(inRegion([...source, ...target]), config), style).to.deep.equal([]);
            // Without the bucket that logs into it, the same bucket is one more SSE-S3 bucket.
            expect(inProcessVerdicts(target, config).map((v) => v.message.split("\n")[1]), style).to.deep.equal([
                `bucket "access-logs" (access-logs-bucket) is encrypted with AES256, but this pack requires SSE-KMS: set sseAlgorithm "aws:kms" and a customer managed key.`,
            ]);
        }
    });

    it("report each public-access setting that is off, and only those", () => {
        const two = render(compliantSpec(PLAIN, { publicAccessBlock: { blockPublicAcls: false, blockPublicPolicy: true, ignorePublicAcls: false, restrictPublicBuckets: true } }), "aws-native");
        expect(inProcessVerdicts(two).map((v) => v.message.split("\n")[1])).to.deep.equal([
            'bucket "website-assets" (website-assets-bucket) leaves public access open: set blockPublicAcls: true, ignorePublicAcls: true on its BucketPublicAccessBlock.',
        ]);
    });

    it("do not treat a key policy's conditioned public principal, nor an audit bucket's external key, as a violation", () => {
        const statements = [{ Sid: "ViaS3", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } } }];
        expect(inProcessVerdicts(renderKey(compliantKey("k", { statements }), "aws.kms.Key"))).to.deep.equal([]);
        expect(inProcessVerdicts(render(compliantSpec(AUDIT, { encryption: { algorithm: "aws:kms", kmsKeyId: "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/x", bucketKey: true, blocked: ["SSE-C"] } }), "aws-native"))).to.deep.equal([]);
    });

    it("leave a key policy that is unknown, or an unknown key ARN with only enabled keys in the stack, without a verdict", () => {
        const enabledKeys = [...renderKey(compliantKey("a"), "aws.kms.Key"), ...render(compliantSpec(AUDIT, { encryption: { algorithm: "aws:kms", kmsKeyId: UNKNOWN, bucketKey: true, blocked: ["SSE-C"] } }), "v7 split resources")];
        expect(inProcessVerdicts(enabledKeys)).to.deep.equal([]);
    });

    it("join an aws.kms.KeyPolicy to its key by known key id as well as by dependency", () => {
        const keyResources = renderKey(compliantKey("k"), "aws.kms.Key").map((r) => ({ ...r, properties: { ...r.properties, keyId: "1234abcd" } }));
        const policy = { ...renderKey(compliantKey("k", { bypass: true }), "aws.kms.Key with aws.kms.KeyPolicy")[1] };
        const joined = [...keyResources, { ...policy, propertyDependencies: {}, properties: { ...policy.properties, keyId: "1234abcd" } }];
        expect(inProcessVerdicts(joined).map((v) => v.policy)).to.deep.equal(["kms-key-no-lockout-bypass"]);
    });

    it("say a missing setting may be one whose bucket is not known, rather than fail the bucket", () => {
        const [bucket, ...siblings] = render(compliantSpec(PLAIN), "v7 split resources", { unknownBucketIds: true });
        const orphaned = siblings.map((r) => ({ ...r, propertyDependencies: {} }));
        const violations = inProcessVerdicts([bucket, ...orphaned]);
        expect(violations.filter((v) => v.enforcementLevel === "mandatory")).to.deep.equal([]);
        expect(violations.map((v) => v.policy).sort()).to.deep.equal(["s3-bucket-blocks-public-access", "s3-bucket-denies-insecure-transport", "s3-bucket-encryption-declared", "s3-bucket-owner-enforced", "s3-bucket-versioning-enabled"]);
    });

    it("remediate only at the remediate level, and validate the same resource at any other", () => {
        const remediation = policies.find((policy) => policy.name === "s3-remediate-versioning") as ResourceValidationPolicy;
        const reported: string[] = [];
        const args = { type: "aws:s3/bucketVersioning:BucketVersioning", name: "v", urn: "u", props: { versioningConfiguration: { status: "Suspended" } }, getConfig: () => ({}) };
        (remediation.validateResource as (a: unknown, r: (m: string) => void) => void)(args, (message) => reported.push(message));
        expect(reported).to.deep.equal(['v: set versioning to "Enabled".']);
        expect(remediation.remediateResource?.(args as never)).to.deep.equal({ versioningConfiguration: { status: "Enabled" } });
        expect(remediation.remediateResource?.({ ...args, type: "aws:s3/bucketPolicy:BucketPolicy" } as never)).to.equal(undefined);
    });

    describe("remediations, each on the resource that carries the wrong value", () => {
        const fix = (policy: string, type: string, props: Record<string, unknown>, config: Record<string, unknown> = {}): unknown => {
            const found = policies.find((candidate) => candidate.name === policy) as ResourceValidationPolicy;
            return found.remediateResource?.({ type, name: "r", urn: "u", props: unknownCheckingProxy(props), getConfig: () => config } as never);
        };
        const ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
        const KMS = (bucketKey?: boolean) => ({ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, ...(bucketKey === undefined ? {} : { bucketKeyEnabled: bucketKey }) });
        const ROWS: [string, string, Record<string, unknown>, unknown, Record<string, unknown>?][] = [
            ["s3-remediate-public-access-block", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { bucket: "b", blockPublicAcls: false }, { bucket: "b", ...ON }],
            ["s3-remediate-public-access-block", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { bucket: "b", ...ON }, undefined],
            ["s3-remediate-public-access-block", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { bucket: "b", ...ON, restrictPublicBuckets: UNKNOWN }, undefined],
            ["s3-remediate-public-access-block", "aws-native:s3:Bucket", { bucketName: "b" }, { bucketName: "b", publicAccessBlockConfiguration: ON }],
            ["s3-remediate-public-access-block", "aws-native:s3:Bucket", { publicAccessBlockConfiguration: { ...ON, ignorePublicAcls: false } }, { publicAccessBlockConfiguration: ON }],
            ["s3-remediate-public-access-block", "aws-native:s3:Bucket", { publicAccessBlockConfiguration: UNKNOWN }, undefined],
            ["s3-remediate-public-access-block", "aws:s3/bucket:Bucket", { bucket: "b" }, undefined],
            ["s3-remediate-owner-enforced", "aws:s3/bucketOwnershipControls:BucketOwnershipControls", { bucket: "b", rule: { objectOwnership: "ObjectWriter" } }, { bucket: "b", rule: { objectOwnership: "BucketOwnerEnforced" } }],
            ["s3-remediate-owner-enforced", "aws:s3/bucketOwnershipControls:BucketOwnershipControls", { rule: { objectOwnership: "BucketOwnerEnforced" } }, undefined],
            ["s3-remediate-owner-enforced", "aws:s3/bucketOwnershipControls:BucketOwnershipControls", { rule: { objectOwnership: UNKNOWN } }, undefined],
            ["s3-remediate-owner-enforced", "aws-native:s3:Bucket", {}, { ownershipControls: { rules: [{ objectOwnership: "BucketOwnerEnforced" }] } }],
            ["s3-remediate-owner-enforced", "aws-native:s3:Bucket", { ownershipControls: { rules: [{ objectOwnership: "BucketOwnerPreferred" }] } }, { ownershipControls: { rules: [{ objectOwnership: "BucketOwnerEnforced" }] } }],
            ["s3-remediate-owner-enforced", "aws-native:s3:Bucket", { ownershipControls: { rules: [{ objectOwnership: "BucketOwnerEnforced" }] } }, undefined],
            ["s3-remediate-owner-enforced", "aws-native:s3:Bucket", { ownershipControls: { rules: UNKNOWN } }, undefined],
            ["s3-remediate-owner-enforced", "aws-native:s3:Bucket", { ownershipControls: { rules: [{ objectOwnership: UNKNOWN }] } }, undefined],
            ["s3-remediate-versioning", "aws:s3/bucketVersioning:BucketVersioning", { versioningConfiguration: { status: "Suspended", mfaDelete: "Disabled" } }, { versioningConfiguration: { status: "Enabled", mfaDelete: "Disabled" } }],
            ["s3-remediate-versioning", "aws:s3/bucketVersioningV2:BucketVersioningV2", { versioningConfiguration: { status: "Enabled" } }, undefined],
            ["s3-remediate-versioning", "aws:s3/bucketVersioning:BucketVersioning", { versioningConfiguration: { status: UNKNOWN } }, undefined],
            ["s3-remediate-versioning", "aws-native:s3:Bucket", { versioningConfiguration: { status: "Suspended" } }, { versioningConfiguration: { status: "Enabled" } }],
            ["s3-remediate-versioning", "aws-native:s3:Bucket", {}, { versioningConfiguration: { status: "Enabled" } }],
            ["s3-remediate-versioning", "aws-native:s3:Bucket", { versioningConfiguration: { status: UNKNOWN } }, undefined],
            ["s3-remediate-versioning", "aws:s3/bucket:Bucket", { versioning: { enabled: false, mfaDelete: false } }, { versioning: { enabled: true, mfaDelete: false } }],
            ["s3-remediate-versioning", "aws:s3/bucket:Bucket", { bucket: "b" }, undefined],
            ["s3-remediate-versioning", "aws:s3/bucket:Bucket", { versioning: { enabled: true } }, undefined],
            ["s3-remediate-versioning", "aws:s3/bucket:Bucket", { versioning: { enabled: UNKNOWN } }, undefined],
            ["s3-remediate-versioning", "aws:s3/bucketV2:BucketV2", { versionings: [{ enabled: false }] }, { versionings: [{ enabled: true }] }],
            ["s3-remediate-versioning", "aws:s3/bucketV2:BucketV2", { versionings: [{ enabled: true }] }, undefined],
            ["s3-remediate-versioning", "aws:s3/bucketV2:BucketV2", { versionings: [{ enabled: UNKNOWN }] }, undefined],
            ["s3-remediate-versioning", "aws:s3/bucketV2:BucketV2", {}, undefined],
            ["s3-remediate-bucket-key", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", { rules: [KMS(false), { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, { rules: [KMS(true), { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }],
            ["s3-remediate-bucket-key", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", { rules: [KMS(true)] }, undefined],
            ["s3-remediate-bucket-key", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" }, bucketKeyEnabled: UNKNOWN }] }, undefined],
            ["s3-remediate-bucket-key", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" } }] }, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" }, bucketKeyEnabled: true }] }],
            ["s3-remediate-bucket-key", "aws:s3/bucket:Bucket", { serverSideEncryptionConfiguration: { rule: KMS() } }, { serverSideEncryptionConfiguration: { rule: KMS(true) } }],
            ["s3-remediate-bucket-key", "aws:s3/bucket:Bucket", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } }, undefined],
            ["s3-remediate-bucket-key", "aws-native:s3:Bucket", { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }, { serverSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] } }, { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }, { serverSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] } }],
            ["s3-remediate-bucket-key", "aws-native:s3:Bucket", { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }] } }, undefined],
            ["s3-remediate-no-force-destroy", "aws:s3/bucket:Bucket", { bucket: "network-compliance-logs-1", forceDestroy: true }, { bucket: "network-compliance-logs-1", forceDestroy: false }],
            ["s3-remediate-no-force-destroy", "aws:s3/bucketV2:BucketV2", { bucket: "other", tags: { purpose: "audit-logs" }, forceDestroy: true }, { bucket: "other", tags: { purpose: "audit-logs" }, forceDestroy: false }],
            ["s3-remediate-no-force-destroy", "aws:s3/bucket:Bucket", { bucket: "other", forceDestroy: true }, undefined],
            ["s3-remediate-no-force-destroy", "aws:s3/bucket:Bucket", { bucket: "network-compliance-logs-1", forceDestroy: false }, undefined],
            ["s3-remediate-no-force-destroy", "aws:s3/bucket:Bucket", { bucket: "org-logs-1", forceDestroy: true }, { bucket: "org-logs-1", forceDestroy: false }, { bucketNamePrefix: "org-logs-" }],
            ["s3-remediate-no-force-destroy", "aws:s3/bucket:Bucket", { bucket: "network-compliance-logs-1", forceDestroy: true }, undefined, { bucketNamePrefix: "org-logs-" }],
            ["kms-remediate-key-rotation", "aws:kms/key:Key", { enableKeyRotation: false }, { enableKeyRotation: true }],
            ["kms-remediate-key-rotation", "aws-native:kms:Key", {}, { enableKeyRotation: true }],
            ["kms-remediate-key-rotation", "aws:kms/key:Key", { enableKeyRotation: true }, undefined],
            ["kms-remediate-key-rotation", "aws:kms/key:Key", { enableKeyRotation: UNKNOWN }, undefined],
            ["kms-remediate-key-rotation", "aws:kms/key:Key", { customerMasterKeySpec: "RSA_2048" }, undefined],
            ["kms-remediate-key-rotation", "aws-native:kms:Key", { keySpec: "SYMMETRIC_DEFAULT", keyUsage: "GENERATE_VERIFY_MAC" }, undefined],
            ["kms-remediate-key-rotation", "aws:kms/keyPolicy:KeyPolicy", { policy: "{}" }, undefined],
        ];
        for (const [policy, type, props, expected, config] of ROWS) {
            it(`${policy} on ${type.split(":").pop()} ${JSON.stringify(props)} gives ${JSON.stringify(expected) ?? "no change"}`, () => {
                expect(fix(policy, type, props, config)).to.deep.equal(expected);
            });
        }

        it("each validate the same resources they would fix, naming the fix", () => {
            for (const [policy, type, props, expected, config] of ROWS) {
                const found = policies.find((candidate) => candidate.name === policy) as ResourceValidationPolicy;
                const reported: string[] = [];
                const args = { type, name: "r", urn: "u", props: unknownCheckingProxy(props), getConfig: () => config ?? {} };
                (found.validateResource as (a: unknown, r: (m: string) => void) => void)(args, (message) => reported.push(message));
                expect(reported.length, `${policy} ${JSON.stringify(props)}`).to.equal(expected === undefined ? 0 : 1);
                expect(reported.every((message) => message.startsWith("r: ") && message.length > 10)).to.equal(true);
            }
        });
    });

    describe("s3-policy-no-cross-account-admin: whose account a grant reaches", () => {
        const provider = (allowed: unknown) => ({ urn: "urn:pulumi:test::fixtures::pulumi:providers:aws::default", type: "pulumi:providers:aws", name: "default", properties: allowed === undefined ? {} : { allowedAccountIds: allowed }, dependencies: [] });
        const grant = (statement: Record<string, unknown>) => render(compliantSpec(PLAIN, { statements: [tlsDeny(PLAIN), { Sid: "G", Effect: "Allow", Resource: `arn:aws:s3:::${PLAIN}`, ...statement }] }), "v7 split resources");
        const verdict = (resources: ReturnType<typeof render>, allowed?: unknown, config: Record<string, unknown> = {}): string[] => {
            const withProvider = allowed === undefined ? resources : [provider(allowed), ...resources.map((r) => ({ ...r, provider: "urn:pulumi:test::fixtures::pulumi:providers:aws::default::id" }))];
            return inProcessVerdicts(withProvider, { "s3-policy-no-cross-account-admin": config }).filter((v) => v.policy === "s3-policy-no-cross-account-admin").map((v) => `${v.enforcementLevel}: ${v.message.split("\n")[1]}`);
        };
        const other = { Principal: { AWS: "arn:aws:iam::999999999999:role/admin" }, Action: "s3:PutBucketPolicy" };
        const ROWS: [string, ReturnType<typeof render>, unknown, Record<string, unknown>, RegExp | undefined][] = [
            ["another account, owner from a JSON list", grant(other), '["123456789012"]', {}, /^mandatory: statement G of .* grants s3:PutBucketPolicy to arn:aws:iam::999999999999:role\/admin of account 999999999999, outside the bucket's account \(123456789012\)/],
            ["another account, owner from a list", grant(other), ["123456789012"], {}, /^mandatory: .*outside the bucket's account/],
            ["another account, owner from a single id", grant(other), "123456789012", {}, /^mandatory: .*outside the bucket's account \(123456789012\)/],
            ["the owner itself", grant(other), ["999999999999"], {}, undefined],
            ["the owner by the policy's accountIds over the provider's", grant(other), ["123456789012"], { accountIds: ["999999999999"] }, undefined],
            ["an owner not known", grant(other), undefined, {}, /^advisory: not decided until `pulumi up`: statement G of .* grants s3:PutBucketPolicy to arn:aws:iam::999999999999:role\/admin; the bucket's own account is not known: set the provider's allowedAccountIds or this policy's accountIds \(the stack shows no single account for its provider\)\.$/],
            ["an owner list of non-accounts", grant(other), ["abc"], {}, /^advisory: /],
            ["read-only actions", grant({ ...other, Action: ["s3:GetObject", "s3:ListBucket"] }), ["123456789012"], {}, undefined],
            ["a deny", grant({ ...other, Effect: "Deny" }), ["123456789012"], {}, undefined],
            ["a service principal", grant({ Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutBucketAcl", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }), ["123456789012"], {}, undefined],
            ["a principal that names no account", grant({ ...other, Principal: { AWS: "AIDAEXAMPLE" } }), ["123456789012"], {}, undefined],
            ["a principal not known yet", grant({ ...other, Principal: { AWS: UNKNOWN } }), ["123456789012"], {}, /^advisory: not decided until `pulumi up`: statement G of .* grants s3:PutBucketPolicy to a principal not known yet\.$/],
            ["anyone confined to the owner", grant({ Principal: "*", Action: "s3:DeleteBucket", Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } } }), ["123456789012"], {}, undefined],
            ["anyone confined to another account", grant({ Principal: "*", Action: "s3:DeleteBucket", Condition: { StringEquals: { "aws:PrincipalAccount": "999999999999" } } }), ["123456789012"], {}, /^mandatory: .*grants s3:DeleteBucket to principals outside its account/],
            ["anyone confined to an account, the owner not known", grant({ Principal: "*", Action: "s3:DeleteBucket", Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } } }), undefined, {}, /^advisory: .*grants s3:DeleteBucket to accounts 123456789012; the bucket's own account is not known/],
            ["everything but reads through NotAction", grant({ ...other, Action: undefined, NotAction: "s3:Get*" }), ["123456789012"], {}, /^mandatory: .*grants s3:PutBucketPolicy, s3:DeleteBucketPolicy, .*s3:DeleteObjectVersion to/],
        ];
        for (const [what, resources, allowed, config, expected] of ROWS) {
            it(`judges a grant to ${what}`, () => {
                const found = verdict(resources, allowed, config);
                if (expected) {
                    expect(found).to.have.length(1);
                    expect(found[0]).to.match(expected);
                } else {
                    expect(found).to.deep.equal([]);
                }
            });
        }
    });

    it("take Object Lock years as 365 days each, and skip a missing lock when requireObjectLock is off", () => {
        const years = render(compliantSpec(AUDIT), "v7 split resources").map((r) => (r.name.endsWith("-lock") ? { ...r, properties: { ...r.properties, rule: { defaultRetention: { mode: "COMPLIANCE", years: 1 } } } } : r));
        expect(inProcessVerdicts(years, { "audit-log-object-lock": { minObjectLockDays: 365, requireComplianceMode: true } })).to.deep.equal([]);
        expect(inProcessVerdicts(years, { "audit-log-object-lock": { minObjectLockDays: 366 } }).map((v) => v.message.split("\n")[1])).to.deep.equal([
            `bucket "${AUDIT}" (${AUDIT}-bucket) keeps objects locked 365 days by default, shorter than the required 366: set defaultRetention.days to 366 or more.`,
        ]);
        expect(inProcessVerdicts(render(compliantSpec(AUDIT, { objectLock: undefined }), "aws-native"), { "audit-log-object-lock": { requireObjectLock: false } })).to.deep.equal([]);
    });

    it("count a replication rule not known yet as replicating, and a BucketReplicationConfig with a disabled rule as not", () => {
        const [bucket, ...siblings] = render(compliantSpec(AUDIT), "v7 split resources");
        const withRules = (rules: unknown) => [bucket, ...siblings.map((r) => (r.name.endsWith("-replication") ? { ...r, properties: { ...r.properties, rules } } : r))];
        expect(inProcessVerdicts(withRules(UNKNOWN))).to.deep.equal([]);
        expect(inProcessVerdicts(withRules([{ id: "x", status: "Disabled" }])).map((v) => v.policy)).to.deep.equal(["audit-log-replication"]);
    });
});
