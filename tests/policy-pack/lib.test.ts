import { expect } from "chai";
import type { PolicyResource } from "@pulumi/policy";
import { auditLogStatus, bucketViews, describe as describeBucket } from "../../policy-pack/lib/buckets";
import { keyOfEncryption, keyViews } from "../../policy-pack/lib/keys";
import {
    bucketArns,
    conditionValues,
    coversAction,
    coversObjectsOf,
    hasConditionKey,
    parseStatements,
    principalAccount,
    readPolicy,
    wildcardMatch,
} from "../../policy-pack/lib/policyDocuments";
import { at, entries, first } from "../../policy-pack/lib/read";
import { isNative, isType } from "../../policy-pack/lib/types";
import { UNKNOWN_VALUES, containsUnknown, isUnknown, knownString, listOf, objectOf, plainProps } from "../../policy-pack/lib/unknowns";

const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T>(value: T) => T };
const UNKNOWN = UNKNOWN_VALUES[0];

function policyResource(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, PolicyResource[]> = {}): PolicyResource {
    return { type, name, urn: `urn:pulumi:s::p::${type}::${name}`, props: unknownCheckingProxy(props), opts: {}, dependencies: [], propertyDependencies } as unknown as PolicyResource;
}

describe("policy-pack lib: unknown values", () => {
    it("recognises every sentinel of @pulumi/policy and nothing else", () => {
        expect(UNKNOWN_VALUES).to.have.length(7);
        for (const sentinel of UNKNOWN_VALUES) {
            expect(isUnknown(sentinel), sentinel).to.equal(true);
        }
        for (const value of ["", "x", 0, undefined, null, {}, []]) {
            expect(isUnknown(value)).to.equal(false);
        }
    });

    it("finds an unknown anywhere inside a value", () => {
        expect(containsUnknown({ a: [1, { b: UNKNOWN }] })).to.equal(true);
        expect(containsUnknown([UNKNOWN])).to.equal(true);
        expect(containsUnknown({ a: [1, { b: "x" }], c: null })).to.equal(false);
        expect(containsUnknown("x")).to.equal(false);
    });

    it("reads the properties behind the throwing proxy, and plain properties as they are", () => {
        const proxied = unknownCheckingProxy({ a: UNKNOWN, b: { c: UNKNOWN } });
        expect(() => (proxied as { a: unknown }).a).to.throw(/can't be known during preview/);
        const plain = plainProps(proxied);
        expect(plain.a).to.equal(UNKNOWN);
        expect(at(plain, "b", "c")).to.equal(UNKNOWN);
        const raw = { a: 1 };
        expect(plainProps(raw)).to.equal(raw);
        expect(plainProps(undefined)).to.deep.equal({});
        expect(plainProps("x")).to.deep.equal({});
    });

    it("keep known strings, lists and objects apart from absent and unknown ones", () => {
        expect(knownString("a")).to.equal("a");
        expect([knownString(""), knownString(UNKNOWN), knownString(3)]).to.deep.equal([undefined, undefined, undefined]);
        expect([listOf(undefined), listOf(null), listOf(1), listOf([1, 2])]).to.deep.equal([[], [], [1], [1, 2]]);
        expect([objectOf({ a: 1 }), objectOf([1]), objectOf(null), objectOf("s")]).to.deep.equal([{ a: 1 }, {}, {}, {}]);
    });

    it("walk paths: missing steps are undefined, unknown steps make everything below unknown", () => {
        expect(at({ a: { b: 2 } }, "a", "b")).to.equal(2);
        expect(at({ a: { b: 2 } }, "a", "c")).to.equal(undefined);
        expect(at({ a: 3 }, "a", "b")).to.equal(undefined);
        expect(at({ a: null }, "a", "b")).to.equal(undefined);
        expect(at({ a: UNKNOWN }, "a", "b", "c")).to.equal(UNKNOWN);
        expect(at(UNKNOWN)).to.equal(UNKNOWN);
        expect(at([{ x: 1 }], 0, "x")).to.equal(1);
        expect(entries(UNKNOWN)).to.deep.equal([UNKNOWN]);
        expect(entries([1, 2])).to.deep.equal([1, 2]);
        expect(entries(undefined)).to.deep.equal([]);
        expect(first([7, 8])).to.equal(7);
        expect(first(undefined)).to.equal(undefined);
    });
});

describe("policy-pack lib: policy documents", () => {
    it("read a document given as JSON or as an object, one statement or many", () => {
        const statement = { Sid: "S", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::b/*", Condition: { Bool: { "aws:SecureTransport": "false" } } };
        const fromJson = parseStatements(JSON.stringify({ Statement: [statement] }));
        const fromObject = parseStatements({ Statement: statement });
        expect(fromJson).to.deep.equal(fromObject);
        expect(fromJson?.[0]).to.deep.include({ sid: "S", effect: "Deny", actions: ["s3:*"], notActions: [], resources: ["arn:aws:s3:::b/*"], unknown: false });
        expect(fromJson?.[0].principals).to.deep.equal({ any: true, aws: [], service: [], federated: [] });
        expect(fromJson?.[0].conditions).to.deep.equal({ Bool: { "aws:securetransport": ["false"] } });
        expect(parseStatements({})).to.deep.equal([]);
    });

    it("tell a missing, unknown or unreadable document from a readable one", () => {
        expect(readPolicy(undefined)).to.deep.equal({ kind: "absent" });
        expect(readPolicy("")).to.deep.equal({ kind: "absent" });
        expect(readPolicy(null)).to.deep.equal({ kind: "absent" });
        expect(readPolicy(UNKNOWN)).to.deep.equal({ kind: "unknown" });
        expect(readPolicy("{ nope")).to.deep.equal({ kind: "invalid" });
        expect(readPolicy("[1]")).to.deep.equal({ kind: "invalid" });
        expect(readPolicy(42)).to.deep.equal({ kind: "invalid" });
        expect(readPolicy({ Statement: ["x"] })).to.deep.equal({ kind: "invalid" });
        expect(readPolicy({ Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] }).kind).to.equal("statements");
    });

    it("call a document whose statement list, or one whole statement, is not known yet unknown, not unreadable", () => {
        // aws-native documents are objects: one computed statement must give a pending verdict, never a violation.
        expect(readPolicy({ Version: "2012-10-17", Statement: UNKNOWN })).to.deep.equal({ kind: "unknown" });
        expect(readPolicy({ Statement: [{ Effect: "Deny", Action: "s3:*", Principal: "*" }, UNKNOWN] })).to.deep.equal({ kind: "unknown" });
        expect(readPolicy({ Statement: [{ Effect: "Allow", Action: UNKNOWN }] }).kind).to.equal("statements");
    });

    it("normalise principals: named accounts, services, federated, public, NotPrincipal", () => {
        const [named, service, notPrincipal, anyAws] = parseStatements({
            Statement: [
                { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111111111111:root"] } },
                { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com", Federated: "cognito-identity.amazonaws.com" } },
                { Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111111111111:root" } },
                { Principal: { AWS: "*" } },
            ],
        }) as NonNullable<ReturnType<typeof parseStatements>>;
        expect(named.principals).to.deep.equal({ any: false, aws: ["arn:aws:iam::111111111111:root"], service: [], federated: [] });
        expect(service.principals).to.deep.equal({ any: false, aws: [], service: ["cloudtrail.amazonaws.com"], federated: ["cognito-identity.amazonaws.com"] });
        expect(notPrincipal.principals.any).to.equal(true);
        expect(anyAws.principals.any).to.equal(true);
        expect(anyAws.effect).to.equal("Allow");
    });

    it("mark statements with an unknown value inside", () => {
        expect(parseStatements({ Statement: [{ Effect: "Allow", Resource: UNKNOWN }] })?.[0].unknown).to.equal(true);
    });

    it("match actions by wildcard, and NotAction by exclusion", () => {
        const [statement, excluding] = parseStatements({ Statement: [{ Action: ["s3:Get*", "s3:ListBucket"] }, { NotAction: "s3:Delete*" }] }) as NonNullable<ReturnType<typeof parseStatements>>;
        expect(coversAction(statement, "s3:GetObject")).to.equal(true);
        expect(coversAction(statement, "S3:LISTBUCKET")).to.equal(true);
        expect(coversAction(statement, "s3:PutObject")).to.equal(false);
        expect(coversAction(excluding, "s3:PutObject")).to.equal(true);
        expect(coversAction(excluding, "s3:DeleteObject")).to.equal(false);
        expect(wildcardMatch("a?c", "abc")).to.equal(true);
        expect(wildcardMatch("a.c", "abc")).to.equal(false);
        expect(wildcardMatch("a*", "xa")).to.equal(false);
    });

    it("read condition values by key and operator, case-insensitively", () => {
        const [statement] = parseStatements({ Statement: [{ Condition: { StringEquals: { "AWS:SourceAccount": ["1"] }, StringLike: { "aws:SourceArn": "x" } } }] }) as NonNullable<ReturnType<typeof parseStatements>>;
        expect(conditionValues(statement, "aws:sourceaccount")).to.deep.equal(["1"]);
        expect(conditionValues(statement, "aws:SourceArn", /^StringEquals$/)).to.deep.equal([]);
        expect(conditionValues(statement, "aws:SourceArn", /^StringLike$/)).to.deep.equal(["x"]);
        expect(hasConditionKey(statement, ["aws:SourceArn"])).to.equal(true);
        expect(hasConditionKey(statement, ["aws:PrincipalOrgID"])).to.equal(false);
    });

    it("accept bucket ARNs of the aws, aws-cn and aws-us-gov partitions only", () => {
        expect(bucketArns("b")).to.deep.equal(["arn:aws:s3:::b", "arn:aws-cn:s3:::b", "arn:aws-us-gov:s3:::b"]);
        for (const [resource, covers] of [
            ["arn:aws-cn:s3:::b/*", true],
            ["arn:aws-us-gov:s3:::b/*", true],
            ["arn:*:s3:::b/*", true],
            ["arn:aws:s3:::b", false],
            ["arn:aws-iso:s3:::b/*", false],
            ["arn:aws:s3:::bb/*", false],
        ] as const) {
            const [statement] = parseStatements({ Statement: [{ Resource: resource }] }) as NonNullable<ReturnType<typeof parseStatements>>;
            expect(coversObjectsOf(statement, "b"), resource).to.equal(covers);
        }
    });

    it("find the account of a principal in any partition", () => {
        expect(principalAccount("*")).to.equal("*");
        expect(principalAccount("111111111111")).to.equal("111111111111");
        expect(principalAccount("arn:aws:iam::111111111111:role/r")).to.equal("111111111111");
        expect(principalAccount("arn:aws-cn:iam::222222222222:root")).to.equal("222222222222");
        expect(principalAccount("arn:aws-us-gov:sts::333333333333:assumed-role/r/s")).to.equal("333333333333");
        expect(principalAccount("arn:aws:s3:::bucket")).to.equal(undefined);
        expect(principalAccount("11111111111")).to.equal(undefined);
    });
});

describe("policy-pack lib: joined views", () => {
    it("join settings by name, and by property dependency when the name is not known yet", () => {
        const bucket = policyResource("aws:s3/bucket:Bucket", "b", { bucket: "logs" });
        const byName = policyResource("aws:s3/bucketVersioning:BucketVersioning", "v", { bucket: "logs", versioningConfiguration: { status: "Enabled" } });
        const byDependency = policyResource("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "o", { bucket: UNKNOWN, rule: { objectOwnership: "BucketOwnerEnforced" } }, { bucket: [bucket] });
        const orphan = policyResource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "p", { bucket: UNKNOWN });
        const elsewhere = policyResource("aws:s3/bucketLogging:BucketLogging", "l", { bucket: "other", targetBucket: "x" });
        const [view] = bucketViews([bucket, byName, byDependency, orphan, elsewhere]);
        expect(view.name).to.equal("logs");
        expect(view.versioning.map((v) => v.status)).to.deep.equal(["Enabled"]);
        expect(view.ownership.map((o) => o.objectOwnership)).to.deep.equal(["BucketOwnerEnforced"]);
        expect(view.publicAccessBlocks).to.deep.equal([]);
        expect(view.logging).to.deep.equal([]);
        expect(view.unjoined.publicAccessBlock?.map((r) => r.name)).to.deep.equal(["p"]);
        expect(view.unjoined.logging).to.equal(undefined);
        expect(describeBucket(view)).to.equal('bucket "logs" (b)');
    });

    it("name a bucket by its id in a state export, and say when its name is not known", () => {
        const [exported, unnamed, unknown, native] = bucketViews([
            policyResource("aws:s3/bucket:Bucket", "e", { id: "from-state" }),
            policyResource("aws:s3/bucket:Bucket", "u", {}),
            policyResource("aws:s3/bucket:Bucket", "k", { bucket: UNKNOWN }),
            policyResource("aws-native:s3:Bucket", "n", { bucketName: "native-name", tags: [{ key: "purpose", value: "audit-logs" }, { key: UNKNOWN, value: "x" }] }),
        ]);
        expect(exported.name).to.equal("from-state");
        expect([unnamed.name, unnamed.nameUnknown]).to.deep.equal([undefined, false]);
        expect([unknown.name, unknown.nameUnknown]).to.deep.equal([undefined, true]);
        expect(describeBucket(unnamed)).to.equal("bucket u");
        expect(native.tags).to.deep.equal({ purpose: "audit-logs" });
        expect(auditLogStatus(native, "zzz")).to.equal("yes");
        expect(auditLogStatus(exported, "from-")).to.equal("yes");
        expect(auditLogStatus(exported, "to-")).to.equal("no");
        expect(auditLogStatus(unnamed, "x")).to.equal("no");
        expect(auditLogStatus(unknown, "x")).to.equal("unknown");
    });

    it("say a bucket's audit-log status is unknown when its tags are", () => {
        const [whole, one] = bucketViews([policyResource("aws:s3/bucket:Bucket", "a", { bucket: "x", tags: UNKNOWN }), policyResource("aws:s3/bucket:Bucket", "b", { bucket: "y", tags: { purpose: UNKNOWN } })]);
        expect([auditLogStatus(whole, "z"), auditLogStatus(one, "z")]).to.deep.equal(["unknown", "unknown"]);
        expect(auditLogStatus(whole, "x")).to.equal("yes");
    });

    it("read a key, its separate policies and its settings in both providers", () => {
        const key = policyResource("aws:kms/key:Key", "k", { isEnabled: false, enableKeyRotation: true, deletionWindowInDays: 10, customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY", policy: "{}", arn: "arn:aws:kms:r:1:key/k" });
        const native = policyResource("aws-native:kms:Key", "n", { enabled: true, pendingWindowInDays: 30, keySpec: "SYMMETRIC_DEFAULT", keyPolicy: { Statement: [] } });
        const separate = policyResource("aws:kms/keyPolicy:KeyPolicy", "kp", { keyId: "arn:aws:kms:r:1:key/k", policy: "{}" });
        const [aws, nativeView] = keyViews([key, native, separate]);
        expect(aws).to.deep.include({ native: false, enabled: false, rotation: true, deletionWindow: 10, spec: "RSA_2048", usage: "SIGN_VERIFY" });
        expect(aws.policies.map((p) => p.from.name)).to.deep.equal(["k", "kp"]);
        expect(nativeView).to.deep.include({ native: true, enabled: true, deletionWindow: 30, spec: "SYMMETRIC_DEFAULT" });
        expect(nativeView.policies.map((p) => p.from.name)).to.deep.equal(["n"]);
    });

    it("find an SSE-KMS rule's key by dependency, by id, as the AWS managed key, outside the stack, or not yet known", () => {
        const keys = keyViews([policyResource("aws:kms/key:Key", "k", { keyId: "kid" }), policyResource("aws:kms/key:Key", "j", {})]);
        expect(keyOfEncryption(UNKNOWN, [keys[1].key.urn], keys)).to.deep.include({ kind: "key" });
        expect((keyOfEncryption(UNKNOWN, [keys[1].key.urn], keys) as { key: { key: { name: string } } }).key.key.name).to.equal("j");
        expect((keyOfEncryption("kid", [], keys) as { key: { key: { name: string } } }).key.key.name).to.equal("k");
        expect(keyOfEncryption(UNKNOWN, [], keys)).to.deep.equal({ kind: "unknown" });
        expect(keyOfEncryption(undefined, [], keys)).to.deep.equal({ kind: "aws-managed" });
        expect(keyOfEncryption("alias/aws/s3", [], keys)).to.deep.equal({ kind: "aws-managed" });
        expect(keyOfEncryption("arn:aws-cn:kms:cn-north-1:111111111111:alias/aws/s3", [], keys)).to.deep.equal({ kind: "aws-managed" });
        expect(keyOfEncryption("alias/mine", [], keys)).to.deep.equal({ kind: "external", id: "alias/mine" });
        const exported = keyViews([policyResource("aws:kms/key:Key", "a", { arn: "arn:aws:kms:r:1:key/a" }), policyResource("aws:kms/key:Key", "i", { id: "key-id" })]);
        expect((keyOfEncryption("arn:aws:kms:r:1:key/a", [], exported) as { key: { key: { name: string } } }).key.key.name).to.equal("a");
        expect((keyOfEncryption("key-id", [], exported) as { key: { key: { name: string } } }).key.key.name).to.equal("i");
        expect(keyOfEncryption("", [], exported)).to.deep.equal({ kind: "aws-managed" });
    });

    it("know the type tokens of each provider", () => {
        expect(isType("aws-native:s3:Bucket", "bucket")).to.equal(true);
        expect(isType("aws:s3/bucketV2:BucketV2", "bucket")).to.equal(true);
        expect(isType("aws:s3/bucketPolicy:BucketPolicy", "bucket")).to.equal(false);
        expect(isNative("aws-native:kms:Key")).to.equal(true);
        expect(isNative("aws:kms/key:Key")).to.equal(false);
    });
});

describe("policy-pack lib: the proxies of a Remediate call", () => {
    it("reads through the unknown-checking proxy and the secret-preserving one under it", () => {
        const { secretsPreservingProxy } = require("@pulumi/policy/secret") as { secretsPreservingProxy: <T>(value: T) => T };
        const raw = { rules: [{ a: 1 }] };
        const plain = plainProps(unknownCheckingProxy(secretsPreservingProxy(raw)));
        expect(plain).to.equal(raw);
        expect((plain.rules as { a: number }[]).map((rule) => rule.a)).to.deep.equal([1]);
    });
});
