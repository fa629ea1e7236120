import { expect } from "chai";
import { StackPlan, planStack } from "../../../tools/offline/plan";
import type { Drift } from "../../../tools/verify/drift";
import { Inspection, inspect } from "../../../tools/verify/run";
import { NOW } from "../../support/fakeAws/accounts";
import { LOG_ARCHIVE_ACCESS_LOGS, LOG_ARCHIVE_BUCKET, LOG_ARCHIVE_RESULTS, compliantLogArchiveAccount } from "../../support/fakeAws/logArchive";
import { startFakeAws } from "../../support/fakeAws/server";
import type { FakeAccount, FakeBucket, XmlDocument } from "../../support/fakeAws/state";
import * as fs from "fs";
import * as path from "path";
import { GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, S3Client } from "@aws-sdk/client-s3";
import type { PolicyConfigFile } from "../../../tools/policy/analyzer";
import { analyzerResources } from "../../../tools/verify/translate";
import { PackUnderTest } from "../../support/pack";
import { useTestEnv } from "./support";

let logArchivePlan: Promise<StackPlan> | undefined;

function planLogArchive(): Promise<StackPlan> {
    logArchivePlan ??= planStack({ stack: "log-archive" });
    return logArchivePlan;
}

async function logArchiveAccount(edit: (account: FakeAccount) => void = () => undefined): Promise<FakeAccount> {
    const plan = await planLogArchive();
    const buckets = Object.fromEntries(
        plan.resources.filter((resource) => resource.type === "aws:s3/bucketPolicy:BucketPolicy").map((resource) => [resource.inputs.bucket as string, resource.inputs.policy as string]),
    );
    const keyPolicy = plan.resources.find((resource) => resource.type === "aws:kms/key:Key")?.inputs.policy as string;
    const account = compliantLogArchiveAccount({ buckets, keyPolicy });
    edit(account);
    return account;
}

async function inspectLogArchive(account: FakeAccount, plan?: StackPlan): Promise<Inspection> {
    const fake = await startFakeAws(account);
    try {
        return await inspect({ stack: "log-archive", plan: plan ?? (await planLogArchive()), endpoint: fake.endpoint, now: NOW });
    } finally {
        await fake.close();
    }
}

function policyWith(policy: string | undefined, edit: (statements: Record<string, unknown>[]) => Record<string, unknown>[]): string {
    const document = JSON.parse(policy ?? "{}");
    document.Statement = edit(document.Statement);
    return JSON.stringify(document);
}

const SSE_C_ALLOWED = { EncryptionType: "NONE" };

function encryptionRule(bucket: FakeBucket): XmlDocument {
    return (bucket.encryption as { Rule: XmlDocument }).Rule;
}

describe("verify: the log-archive stack, with its created access-log and Athena results buckets", () => {
    useTestEnv();

    it("finds no drift on the compliant live state: S3's lifecycle header and SSE-C block, undeclared on two buckets, are its defaults (AWS-S3-400, AWS-S3-401)", async () => {
        const { document } = await inspectLogArchive(await logArchiveAccount());
        expect(document.buckets).to.deep.equal([LOG_ARCHIVE_BUCKET, LOG_ARCHIVE_ACCESS_LOGS, LOG_ARCHIVE_RESULTS]);
        expect(document.drift, JSON.stringify(document.drift, null, 2)).to.deep.equal([]);
    });

    const rows: { what: string; bucket: string; edit: (bucket: FakeBucket) => void; setting: string; expected: unknown; actual: unknown }[] = [
        { what: "the results bucket's versioning suspended", bucket: LOG_ARCHIVE_RESULTS, edit: (b) => (b.versioning = { Status: "Suspended" }), setting: "versioning.versioningConfiguration.status", expected: "Enabled", actual: "Suspended" },
        { what: "the access-log bucket's public access block loosened", bucket: LOG_ARCHIVE_ACCESS_LOGS, edit: (b) => ((b.publicAccessBlock as Record<string, unknown>).RestrictPublicBuckets = false), setting: "publicAccessBlock.restrictPublicBuckets", expected: true, actual: false },
        { what: "the results bucket's lifecycle default changed from S3's", bucket: LOG_ARCHIVE_RESULTS, edit: (b) => (b.transitionDefaultMinimumObjectSize = "varies_by_storage_class"), setting: "lifecycle.transitionDefaultMinimumObjectSize", expected: "all_storage_classes_128K", actual: "varies_by_storage_class" },
        { what: "the audit bucket's declared lifecycle default changed", bucket: LOG_ARCHIVE_BUCKET, edit: (b) => (b.transitionDefaultMinimumObjectSize = "varies_by_storage_class"), setting: "lifecycle.transitionDefaultMinimumObjectSize", expected: "all_storage_classes_128K", actual: "varies_by_storage_class" },
        { what: "SSE-C re-enabled on the access-log bucket", bucket: LOG_ARCHIVE_ACCESS_LOGS, edit: (b) => (encryptionRule(b).BlockedEncryptionTypes = SSE_C_ALLOWED), setting: "encryption.rules[0].blockedEncryptionTypes[0]", expected: "SSE-C", actual: "NONE" },
        { what: "SSE-C re-enabled on the results bucket", bucket: LOG_ARCHIVE_RESULTS, edit: (b) => (b.encryption = { Rule: { ...encryptionRule(b), BlockedEncryptionTypes: SSE_C_ALLOWED } }), setting: "encryption.rules[0].blockedEncryptionTypes[0]", expected: "SSE-C", actual: "NONE" },
        { what: "SSE-C re-enabled on the audit bucket", bucket: LOG_ARCHIVE_BUCKET, edit: (b) => (b.encryption = { Rule: { ...encryptionRule(b), BlockedEncryptionTypes: SSE_C_ALLOWED } }), setting: "encryption.rules[0].blockedEncryptionTypes[0]", expected: "SSE-C", actual: "NONE" },
        { what: "the access-log bucket's expiration shortened", bucket: LOG_ARCHIVE_ACCESS_LOGS, edit: (b) => (((b.lifecycle as { Rule: Record<string, unknown>[] }).Rule[0].Expiration as Record<string, unknown>).Days = 7), setting: "lifecycle.rules[expire-access-logs].expiration.days", expected: 2555, actual: 7 },
        { what: "the results bucket's TLS statement removed", bucket: LOG_ARCHIVE_RESULTS, edit: (b) => (b.policy = policyWith(b.policy, (s) => s.filter((statement) => statement.Sid !== "DenyInsecureTransport"))), setting: "policy.policy.Statement[DenyInsecureTransport]", expected: "(a statement)", actual: null },
        { what: "the results bucket's purpose tag changed", bucket: LOG_ARCHIVE_RESULTS, edit: (b) => (b.tags = { ...b.tags, purpose: "audit-logs" }), setting: "bucket.tags.purpose", expected: "athena-query-results", actual: "audit-logs" },
        { what: "access logging switched on for the access-log bucket itself", bucket: LOG_ARCHIVE_ACCESS_LOGS, edit: (b) => (b.logging = { LoggingEnabled: { TargetBucket: LOG_ARCHIVE_ACCESS_LOGS, TargetPrefix: "self/" } }), setting: "logging", expected: null, actual: { targetBucket: LOG_ARCHIVE_ACCESS_LOGS, targetPrefix: "self/" } },
    ];
    for (const row of rows) {
        it(`reports ${row.what} as ${row.setting} on that bucket alone`, async () => {
            const { document } = await inspectLogArchive(await logArchiveAccount((a) => row.edit(a.buckets[row.bucket])));
            expect(document.drift.map((entry) => [entry.bucket, entry.setting]), JSON.stringify(document.drift, null, 2)).to.deep.equal([[row.bucket, row.setting]]);
            if (row.expected !== "(a statement)") {
                expect(document.drift[0].expected).to.deep.equal(row.expected);
            }
            expect(document.drift[0].actual).to.deep.equal(row.actual);
        });
    }

    it("reports SSE-C left unblocked (no BlockedEncryptionTypes in the answer) as drift from S3's default (AWS-S3-401)", async () => {
        // An S3 that reports no block at all: the plan's silence still expects SSE-C blocked.
        const { document } = await inspectLogArchive(await logArchiveAccount((a) => (a.buckets[LOG_ARCHIVE_RESULTS].encryption = { Rule: { ...encryptionRule(a.buckets[LOG_ARCHIVE_RESULTS]), BlockedEncryptionTypes: { EncryptionType: [] } } })));
        expect(document.drift.map((entry: Drift) => [entry.bucket, entry.setting, entry.actual])).to.deep.equal([[LOG_ARCHIVE_RESULTS, "encryption.rules[0].blockedEncryptionTypes", null]]);
    });

    it("compares SSE-C's block the same way when the program declares blockedEncryptionTypes: [\"SSE-C\"] on every bucket (AWS-S3-401)", async () => {
        // The plan as it reads once the component declares the block: each encryption rule names SSE-C.
        const base = await planLogArchive();
        const declared: StackPlan = {
            ...base,
            resources: base.resources.map((resource) =>
                resource.type === "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
                    ? { ...resource, inputs: { ...resource.inputs, rules: (resource.inputs.rules as Record<string, unknown>[]).map((rule) => ({ ...rule, blockedEncryptionTypes: ["SSE-C"] })) } }
                    : resource,
            ),
        };
        expect((await inspectLogArchive(await logArchiveAccount(), declared)).document.drift).to.deep.equal([]);
        const reEnabled = await inspectLogArchive(await logArchiveAccount((a) => (encryptionRule(a.buckets[LOG_ARCHIVE_BUCKET]).BlockedEncryptionTypes = SSE_C_ALLOWED)), declared);
        expect(reEnabled.document.drift).to.deep.equal([{ bucket: LOG_ARCHIVE_BUCKET, setting: "encryption.rules[0].blockedEncryptionTypes[0]", expected: "SSE-C", actual: "NONE" }]);
    });

    it("hands the pack SSE-C's state as blockedEncryptionTypes, as a v7 program declares it (AWS-S3-401)", async () => {
        const { live } = await inspectLogArchive(await logArchiveAccount((a) => (encryptionRule(a.buckets[LOG_ARCHIVE_ACCESS_LOGS]).BlockedEncryptionTypes = SSE_C_ALLOWED)));
        const rules = (name: string): unknown => (live.buckets.find((bucket) => bucket.name === name)?.settings.encryption?.rules as { blockedEncryptionTypes?: string[] }[])[0].blockedEncryptionTypes;
        expect(rules(LOG_ARCHIVE_ACCESS_LOGS)).to.deep.equal(["NONE"]);
        expect(rules(LOG_ARCHIVE_RESULTS)).to.deep.equal(["SSE-C"]);
    });
});

describe("verify: the translation checked against how AWS answers", () => {
    useTestEnv();

    it("reports a created bucket in another region as region drift instead of stopping on PermanentRedirect (AWS-S3-402)", async () => {
        const { document } = await inspectLogArchive(await logArchiveAccount((a) => (a.buckets[LOG_ARCHIVE_RESULTS].region = "us-west-2")));
        expect(document.drift).to.deep.equal([{ bucket: LOG_ARCHIVE_RESULTS, setting: "region", expected: "eu-west-1", actual: "us-west-2" }]);
        expect(document.buckets).to.deep.equal([LOG_ARCHIVE_BUCKET, LOG_ARCHIVE_ACCESS_LOGS]);
    });

    it("reports the audit bucket in another region as region drift, and looks for no deliveries there (AWS-S3-402)", async () => {
        const { document } = await inspectLogArchive(await logArchiveAccount((a) => (a.buckets[LOG_ARCHIVE_BUCKET].region = "eu-central-1")));
        expect(document.drift).to.deep.equal([{ bucket: LOG_ARCHIVE_BUCKET, setting: "region", expected: "eu-west-1", actual: "eu-central-1" }]);
        expect(document.deliveries).to.deep.equal([]);
    });

    it("expects the provider's defaultTags on every bucket, the bucket's own tags winning a clash (AWS-PROV-400)", async () => {
        const plan = await planStack({ stack: "log-archive", overrides: ['aws:defaultTags={"tags":{"cost-center":"security","purpose":"ignored"}}'] });
        const tagged = await logArchiveAccount((a) => Object.values(a.buckets).forEach((bucket) => (bucket.tags = { ...bucket.tags, "cost-center": "security" })));
        expect((await inspectLogArchive(tagged, plan)).document.drift).to.deep.equal([]);
        const untagged = await inspectLogArchive(await logArchiveAccount(), plan);
        expect(untagged.document.drift.map((entry) => [entry.bucket, entry.setting, entry.expected, entry.actual])).to.deep.equal([
            [LOG_ARCHIVE_BUCKET, "bucket.tags.cost-center", "security", null],
            [LOG_ARCHIVE_ACCESS_LOGS, "bucket.tags.cost-center", "security", null],
            [LOG_ARCHIVE_RESULTS, "bucket.tags.cost-center", "security", null],
        ]);
    });

    it("says a reader's AROA... id in the results bucket policy is a deleted principal, not a rewritten ARN (AWS-S3-403)", async () => {
        let sid = "";
        const { document } = await inspectLogArchive(
            await logArchiveAccount((a) => {
                const bucket = a.buckets[LOG_ARCHIVE_RESULTS];
                bucket.policy = policyWith(bucket.policy, (statements) =>
                    statements.map((statement) => {
                        const principal = statement.Principal as { AWS?: unknown } | undefined;
                        if (!sid && typeof principal === "object" && JSON.stringify(principal.AWS).includes(":role/SecurityAuditor")) {
                            sid = String(statement.Sid);
                            return { ...statement, Principal: { AWS: "AROAZ3EXAMPLEDELETED1" } };
                        }
                        return statement;
                    }),
                );
            }),
        );
        expect(sid, "the results policy names the reader role").to.not.equal("");
        expect(document.drift.map((entry) => entry.setting)).to.deep.equal([`policy.policy.Statement[${sid}]`]);
        expect(document.drift[0].reason).to.include("AROAZ3EXAMPLEDELETED1").and.include("deleted");
    });

    it("does not count an account principal stored as its id instead of its root ARN as drift (AWS-S3-403)", async () => {
        const account = await logArchiveAccount((a) => {
            // The key policy's account statement names arn:aws:iam::666666666666:root; AWS may store the account either way.
            a.keys[0].policy = a.keys[0].policy.replace(/"arn:aws:iam::(\d{12}):root"/g, '"$1"');
        });
        expect(account.keys[0].policy).to.include('"666666666666"').and.not.include(":root");
        expect((await inspectLogArchive(account)).document.drift).to.deep.equal([]);
    });
});

describe("verify: the local endpoint answers as S3 does", () => {
    useTestEnv();

    it("sends the lifecycle transition default on every lifecycle answer, and SSE-C's block on every encryption answer (AWS-S3-400, AWS-S3-401)", async () => {
        const account = await logArchiveAccount((a) => (encryptionRule(a.buckets[LOG_ARCHIVE_RESULTS]).BlockedEncryptionTypes = SSE_C_ALLOWED));
        const fake = await startFakeAws(account);
        const s3 = new S3Client({ region: "eu-west-1", endpoint: fake.endpoint, forcePathStyle: true });
        try {
            for (const Bucket of [LOG_ARCHIVE_BUCKET, LOG_ARCHIVE_ACCESS_LOGS, LOG_ARCHIVE_RESULTS]) {
                const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
                expect(lifecycle.TransitionDefaultMinimumObjectSize, Bucket).to.equal("all_storage_classes_128K");
            }
            const blocked = async (Bucket: string): Promise<unknown> => (await s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0].BlockedEncryptionTypes;
            expect(await blocked(LOG_ARCHIVE_ACCESS_LOGS)).to.deep.equal({ EncryptionType: ["SSE-C"] });
            expect(await blocked(LOG_ARCHIVE_RESULTS)).to.deep.equal({ EncryptionType: ["NONE"] });
        } finally {
            s3.destroy();
            await fake.close();
        }
    });
});

describe("verify: the log-archive stack's live state, judged by the policy pack", () => {
    useTestEnv();
    let pack: PackUnderTest;
    const config = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../policy-pack/config.log-archive.json"), "utf8")) as PolicyConfigFile;
    before(async () => {
        pack = await PackUnderTest.start();
    });
    after(() => pack?.close());

    it("finds no mandatory violation on the three buckets, the key and the account, under the stack's policy config", async () => {
        const { live } = await inspectLogArchive(await logArchiveAccount());
        const violations = await pack.verdicts(analyzerResources(live), config);
        expect(violations.filter((violation) => violation.enforcementLevel === "mandatory").map((violation) => `${violation.policy}: ${violation.message}`)).to.deep.equal([]);
    });
});
