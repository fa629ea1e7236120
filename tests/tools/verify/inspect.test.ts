import { expect } from "chai";
import { planStack } from "../../../tools/offline/plan";
import { CALLS } from "../../../tools/verify/calls";
import type { Drift } from "../../../tools/verify/drift";
import { MissingBucketError, VerifyError } from "../../../tools/verify/errors";
import { NOW, PROD_ACCOUNT, PROD_BUCKET, PROD_KEY_ARN, PROD_KEY_ID, PROD_ORG, deliveries } from "../../support/fakeAws/accounts";
import type { FakeAccount, FakeBucket } from "../../support/fakeAws/state";
import { inspectProd, prodAccount, useTestEnv } from "./support";

const HOUR = 3600 * 1000;

function bucket(account: FakeAccount): FakeBucket {
    return account.buckets[PROD_BUCKET];
}

function editPolicy(policy: string, edit: (statements: Record<string, unknown>[]) => Record<string, unknown>[]): string {
    const document = JSON.parse(policy);
    document.Statement = edit(document.Statement);
    return JSON.stringify(document);
}

function settings(drift: Drift[]): string[] {
    return drift.map((entry) => entry.setting);
}

describe("verify: reading a deployed prod bucket", () => {
    useTestEnv();

    it("finds no drift and fresh deliveries on the bucket the prod stack deploys", async () => {
        const { inspection } = await inspectProd(await prodAccount());
        const { document } = inspection;
        expect(document.drift).to.deep.equal([]);
        expect(document).to.include({ stack: "prod", bucket: PROD_BUCKET, account: PROD_ACCOUNT, region: "us-east-1" });
        expect(document.deliveries.map((delivery) => [delivery.prefix, delivery.markerPresent, delivery.finding])).to.deep.equal([
            ["cloudtrail-logs/", true, null],
            ["config-logs/", true, null],
            ["ssm-logs/", true, null],
            ["securityhub-findings/", true, null],
        ]);
    });

    it("finds no drift either against a plan with deployed-like ids and ARNs: the created key's are not drift targets", async () => {
        const plan = await planStack({ stack: "prod", asDeployed: true });
        const plannedKeyId = (plan.resources.find((resource) => resource.type === "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")?.inputs.rules as { applyServerSideEncryptionByDefault: { kmsMasterKeyId: string } }[])[0].applyServerSideEncryptionByDefault.kmsMasterKeyId;
        expect(plannedKeyId).to.match(/^arn:aws:kms:/).and.not.equal(PROD_KEY_ARN);
        const { inspection } = await inspectProd(await prodAccount(), { plan });
        expect(inspection.document.drift).to.deep.equal([]);
    });

    it("reports the newest CloudTrail object under the organization layout and zero-padded dates, with its age", async () => {
        const { inspection } = await inspectProd(await prodAccount());
        const trail = inspection.document.deliveries.find((delivery) => delivery.service === "cloudTrail");
        expect(trail?.newestKey).to.match(new RegExp(`^cloudtrail-logs/AWSLogs/${PROD_ORG}/${PROD_ACCOUNT}/CloudTrail/us-east-1/2026/03/05/.*T0400Z`));
        expect(trail?.newestAgeHours).to.equal(2);
    });

    it("finds Config's newest object by time under unpadded dates, although another key sorts after it", async () => {
        const { inspection } = await inspectProd(await prodAccount());
        const config = inspection.document.deliveries.find((delivery) => delivery.service === "config");
        expect(config?.newestKey).to.match(new RegExp(`^config-logs/AWSLogs/${PROD_ACCOUNT}/Config/us-east-1/2026/3/5/ConfigHistory/`));
        expect(config?.newestAgeHours).to.equal(2);
    });

    it("lists only the most recent days' prefixes, never a log prefix's whole history", async () => {
        const { requests } = await inspectProd(await prodAccount());
        const listed = requests.filter((request) => request.call === "s3:ListObjectsV2").map((request) => request.prefix ?? "");
        const undated = listed.filter((prefix) => !/\/\d{4}\/\d{1,2}\/\d{1,2}\/$/.test(prefix));
        // Undated listings: each marker check (one key), and Session Manager's single page (its keys carry no date).
        expect(undated.sort()).to.deep.equal(["cloudtrail-logs/", "config-logs/", "securityhub-findings/", "ssm-logs/", "ssm-logs/"]);
        expect(listed.filter((prefix) => prefix.startsWith("cloudtrail-logs/AWSLogs/"))).to.deep.equal([
            `cloudtrail-logs/AWSLogs/${PROD_ORG}/${PROD_ACCOUNT}/CloudTrail/us-east-1/2026/03/05/`,
            `cloudtrail-logs/AWSLogs/${PROD_ACCOUNT}/CloudTrail/us-east-1/2026/03/05/`,
        ]);
    });

    it("makes only the published read-only calls, every one signed and sent to 127.0.0.1", async () => {
        const { requests } = await inspectProd(await prodAccount());
        const published = new Set(Object.keys(CALLS));
        expect(requests.filter((request) => !published.has(request.call)).map((request) => request.call)).to.deep.equal([]);
        expect(new Set(requests.map((request) => request.method))).to.deep.equal(new Set(["GET", "POST"]));
        for (const request of requests) {
            expect(request.host, request.call).to.match(/^127\.0\.0\.1:\d+$/);
            expect(request.accessKeyId, request.call).to.equal("AKIAVERIFYTEST000001");
        }
        const posts = requests.filter((request) => request.method === "POST").map((request) => request.call);
        expect(posts.every((call) => call.startsWith("kms:") || call.startsWith("sts:")), posts.join()).to.equal(true);
    });
});

/** What a bucket created since April 2026 answers in each encryption rule, and what the component declares. */
const SSE_C_BLOCKED = { EncryptionType: ["SSE-C"] };

describe("verify: drift against the stack, one kind per row", () => {
    useTestEnv();

    const rows: { what: string; edit: (account: FakeAccount) => void; setting: string; expected: unknown; actual: unknown }[] = [
        { what: "versioning suspended", edit: (a) => (bucket(a).versioning = { Status: "Suspended" }), setting: "versioning.versioningConfiguration.status", expected: "Enabled", actual: "Suspended" },
        { what: "one public access setting switched off", edit: (a) => ((bucket(a).publicAccessBlock as Record<string, unknown>).BlockPublicPolicy = false), setting: "publicAccessBlock.blockPublicPolicy", expected: true, actual: false },
        { what: "the public access block deleted", edit: (a) => (bucket(a).publicAccessBlock = undefined), setting: "publicAccessBlock", expected: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, actual: null },
        { what: "ACLs switched back on", edit: (a) => (bucket(a).ownershipControls = { Rule: { ObjectOwnership: "ObjectWriter" } }), setting: "ownershipControls.rule.objectOwnership", expected: "BucketOwnerEnforced", actual: "ObjectWriter" },
        { what: "encryption switched to SSE-S3", edit: (a) => (bucket(a).encryption = { Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: true, BlockedEncryptionTypes: SSE_C_BLOCKED } }), setting: "encryption.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm", expected: "aws:kms", actual: "AES256" },
        // AWS-S3-601: the verifier reads each rule's BlockedEncryptionTypes, so a bucket that allows SSE-C again is drift
        {
            what: "SSE-C uploads allowed again",
            edit: (a) => (bucket(a).encryption = { Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: PROD_KEY_ARN }, BucketKeyEnabled: true, BlockedEncryptionTypes: { EncryptionType: ["NONE"] } } }),
            setting: "encryption.rules[0].blockedEncryptionTypes[0]",
            expected: "SSE-C",
            actual: "NONE",
        },
        { what: "the S3 Bucket Key switched off", edit: (a) => (bucket(a).encryption = { Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: PROD_KEY_ARN }, BucketKeyEnabled: false, BlockedEncryptionTypes: SSE_C_BLOCKED } }), setting: "encryption.rules[0].bucketKeyEnabled", expected: true, actual: false },
        {
            what: "the bucket encrypted with another key than the alias's",
            edit: (a) => {
                const other = { ...a.keys[0], metadata: { ...a.keys[0].metadata, KeyId: "other", Arn: PROD_KEY_ARN.replace(/key\/.*/, "key/other") } };
                a.keys.push(other);
                bucket(a).encryption = { Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "other" }, BucketKeyEnabled: true, BlockedEncryptionTypes: SSE_C_BLOCKED } };
            },
            setting: "encryption.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId",
            expected: PROD_KEY_ARN,
            actual: PROD_KEY_ARN.replace(/key\/.*/, "key/other"),
        },
        {
            what: "a statement added to the bucket policy",
            edit: (a) => (bucket(a).policy = editPolicy(bucket(a).policy as string, (s) => [...s, { Sid: "AddedByHand", Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${PROD_BUCKET}/*` }])),
            setting: "policy.policy.Statement[AddedByHand]",
            expected: null,
            actual: { Sid: "AddedByHand", Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${PROD_BUCKET}/*` },
        },
        {
            what: "a statement removed from the bucket policy",
            edit: (a) => (bucket(a).policy = editPolicy(bucket(a).policy as string, (s) => s.filter((statement) => statement.Sid !== "DenyInsecureTransport"))),
            setting: "policy.policy.Statement[DenyInsecureTransport]",
            expected: { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${PROD_BUCKET}`, `arn:aws:s3:::${PROD_BUCKET}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            actual: null,
        },
        { what: "the bucket policy deleted", edit: (a) => (bucket(a).policy = undefined), setting: "policy", expected: "(whole setting)", actual: null },
        {
            what: "a lifecycle rule's expiration shortened",
            edit: (a) => (((bucket(a).lifecycle as { Rule: Record<string, unknown>[] }).Rule[2].Expiration as Record<string, unknown>).Days = 30),
            setting: "lifecycle.rules[expire-audit-logs].expiration.days",
            expected: 2555,
            actual: 30,
        },
        {
            what: "a lifecycle rule added by hand",
            edit: (a) => (bucket(a).lifecycle as { Rule: Record<string, unknown>[] }).Rule.push({ ID: "purge", Filter: { Prefix: "cloudtrail-logs/" }, Status: "Enabled", Expiration: { Days: 1 } }),
            setting: "lifecycle.rules[purge]",
            expected: null,
            actual: { id: "purge", status: "Enabled", filter: { prefix: "cloudtrail-logs/" }, expiration: { days: 1 } },
        },
        { what: "the lifecycle configuration deleted", edit: (a) => (bucket(a).lifecycle = undefined), setting: "lifecycle", expected: "(whole setting)", actual: null },
        // prod keeps its WORM copy in the vault (AWS-CFG-150: Config refuses an Object-Locked bucket): replication is its guarantee.
        { what: "the replication to the vault deleted", edit: (a) => (bucket(a).replication = undefined), setting: "replication", expected: "(whole setting)", actual: null },
        { what: "access logging switched off", edit: (a) => (bucket(a).logging = {}), setting: "logging", expected: "(whole setting)", actual: null },
        { what: "a tag changed", edit: (a) => (bucket(a).tags = { "managed-by": "audit-log-bucket", purpose: "scratch" }), setting: "bucket.tags.purpose", expected: "audit-logs", actual: "scratch" },
        { what: "a website configuration added", edit: (a) => (bucket(a).website = { IndexDocument: { Suffix: "index.html" } }), setting: "website", expected: null, actual: { indexDocument: { suffix: "index.html" } } },
        { what: "a CORS rule added", edit: (a) => (bucket(a).cors = { CORSRule: [{ AllowedOrigin: ["*"], AllowedMethod: ["GET"] }] }), setting: "cors", expected: null, actual: { corsRules: [{ allowedMethods: ["GET"], allowedOrigins: ["*"] }] } },
        { what: "EventBridge notifications switched off", edit: (a) => (bucket(a).notification = {}), setting: "notification", expected: { eventbridge: true }, actual: null },
        {
            what: "a topic notification added next to EventBridge",
            edit: (a) => (bucket(a).notification = { EventBridgeConfiguration: {}, TopicConfiguration: { Id: "t", Topic: "arn:aws:sns:us-east-1:222222222222:alerts", Event: "s3:ObjectRemoved:*" } }),
            setting: "notification.topics",
            expected: null,
            actual: [{ id: "t", topicArn: "arn:aws:sns:us-east-1:222222222222:alerts", events: ["s3:ObjectRemoved:*"] }],
        },
        { what: "key rotation switched off", edit: (a) => (a.keys[0].rotationEnabled = false), setting: "key.enableKeyRotation", expected: true, actual: false },
        { what: "the key disabled", edit: (a) => (a.keys[0].metadata.Enabled = false), setting: "key.isEnabled", expected: true, actual: false },
        {
            what: "a statement added to the key policy",
            edit: (a) => (a.keys[0].policy = editPolicy(a.keys[0].policy, (s) => [...s, { Sid: "Backdoor", Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:Decrypt", Resource: "*" }])),
            setting: "key.policy.Statement[Backdoor]",
            expected: null,
            actual: { Sid: "Backdoor", Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:Decrypt", Resource: "*" },
        },
        { what: "the key's alias deleted", edit: (a) => (a.aliases = {}), setting: `kms alias alias/${PROD_BUCKET}`, expected: "present", actual: null },
    ];

    for (const row of rows) {
        it(`reports ${row.what} as ${row.setting}`, async () => {
            const { inspection } = await inspectProd(await prodAccount(row.edit));
            const drift = inspection.document.drift;
            expect(settings(drift), JSON.stringify(drift, null, 2)).to.deep.equal([row.setting]);
            if (row.expected !== "(whole setting)") {
                expect(drift[0].expected).to.deep.equal(row.expected);
            } else {
                expect(drift[0].expected).to.be.an("object");
            }
            expect(drift[0].actual).to.deep.equal(row.actual);
        });
    }

    it("reports another program's notification configuration that replaced the EventBridge one: EventBridge off, a queue added", async () => {
        // S3 keeps one notification configuration per bucket: a second BucketNotification overwrites the component's.
        const queue = { Id: "q", Queue: "arn:aws:sqs:us-east-1:222222222222:ingest", Event: "s3:ObjectCreated:*" };
        const { inspection } = await inspectProd(await prodAccount((a) => (bucket(a).notification = { QueueConfiguration: queue })));
        expect(inspection.document.drift.map((entry) => [entry.setting, entry.expected, entry.actual])).to.deep.equal([
            ["notification.eventbridge", true, null],
            ["notification.queues", null, [{ id: "q", queueArn: "arn:aws:sqs:us-east-1:222222222222:ingest", events: ["s3:ObjectCreated:*"] }]],
        ]);
    });

    it("does not count an empty filter, as S3 may answer for a rule on every object, as drift", async () => {
        const { inspection } = await inspectProd(await prodAccount((a) => ((bucket(a).lifecycle as { Rule: Record<string, unknown>[] }).Rule[3].Filter = {})));
        expect(inspection.document.drift).to.deep.equal([]);
    });

    it("does not count AWS's reformatting of a policy (indentation, key order, one-element lists) as drift", async () => {
        const { inspection } = await inspectProd(
            await prodAccount((a) => {
                const document = JSON.parse(bucket(a).policy as string);
                const relist = (value: unknown): unknown => (value === undefined ? undefined : Array.isArray(value) ? [...value].reverse() : [value]);
                document.Statement = document.Statement.map((statement: Record<string, unknown>) =>
                    JSON.parse(JSON.stringify({ ...statement, Action: relist(statement.Action), NotAction: relist(statement.NotAction) })),
                );
                bucket(a).policy = JSON.stringify({ Statement: [...document.Statement].reverse(), Version: document.Version }, null, 4);
            }),
        );
        expect(inspection.document.drift).to.deep.equal([]);
    });
});

describe("verify: a key the stack names rather than creates", () => {
    useTestEnv();
    const OTHER_ARN = PROD_KEY_ARN.replace(/key\/.*/, "key/other");
    const encryptedWith = (keyId: string) => (a: FakeAccount): void => {
        a.keys.push({ ...a.keys[0], metadata: { ...a.keys[0].metadata, KeyId: "other", Arn: OTHER_ARN } });
        bucket(a).encryption = { Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyId }, BucketKeyEnabled: true, BlockedEncryptionTypes: SSE_C_BLOCKED } };
    };

    it("matches the key id AWS reports to the key ARN the config names", async () => {
        const plan = await planStack({ stack: "prod", overrides: [`kmsKeyArn=${PROD_KEY_ARN}`] });
        const { inspection } = await inspectProd(await prodAccount(encryptedWith(PROD_KEY_ID)), { plan });
        expect(settings(inspection.document.drift).filter((setting) => setting.startsWith("encryption"))).to.deep.equal([]);
    });

    it("reports a bucket encrypted with another key than the one the config names", async () => {
        const plan = await planStack({ stack: "prod", overrides: [`kmsKeyArn=${PROD_KEY_ARN}`] });
        const { inspection } = await inspectProd(await prodAccount(encryptedWith("other")), { plan });
        expect(inspection.document.drift.filter((entry) => entry.setting.startsWith("encryption"))).to.deep.equal([
            { bucket: PROD_BUCKET, setting: "encryption.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId", expected: PROD_KEY_ARN, actual: OTHER_ARN },
        ]);
    });
});

describe("verify: the other buckets the stack creates", () => {
    useTestEnv();
    const ACCESS_LOGS = "s3-access-logs-222222222222-us-east-1";
    const overrides = ["createAccessLogBucket=true", `accessLogBucket=${ACCESS_LOGS}`];

    it("reports a created access-log target that does not exist as drift, and still verifies the audit bucket", async () => {
        const plan = await planStack({ stack: "prod", overrides });
        const { inspection } = await inspectProd(await prodAccount(), { plan });
        expect(inspection.document.buckets).to.deep.equal([PROD_BUCKET]);
        expect(inspection.document.drift).to.deep.include({ bucket: ACCESS_LOGS, setting: "bucket", expected: "present", actual: null });
    });

    it("reads a created access-log target that exists and compares it with the plan", async () => {
        const plan = await planStack({ stack: "prod", overrides });
        const account = await prodAccount((a) => {
            a.buckets[ACCESS_LOGS] = { region: "us-east-1", versioning: { Status: "Suspended" }, logging: {}, notification: {}, objects: [] };
        });
        const { inspection } = await inspectProd(account, { plan });
        expect(inspection.document.buckets).to.deep.equal([PROD_BUCKET, ACCESS_LOGS]);
        const drift = inspection.document.drift.filter((entry) => entry.bucket === ACCESS_LOGS);
        expect(drift).to.deep.include({ bucket: ACCESS_LOGS, setting: "versioning.versioningConfiguration.status", expected: "Enabled", actual: "Suspended" });
        expect(drift.map((entry) => entry.setting)).to.include.members(["policy", "lifecycle"]);
    });
});

describe("verify: deliveries", () => {
    useTestEnv();

    function withDeliveriesAt(hoursAgo: number): (account: FakeAccount) => void {
        return (a) => {
            const markers = bucket(a).objects.filter((object) => object.key.endsWith("/") && object.size === 0);
            bucket(a).objects = [...markers, ...deliveries(PROD_ACCOUNT, NOW.getTime() - hoursAgo * HOUR)];
        };
    }

    it("reports CloudTrail and Config with nothing in the window as findings, with the newest object's age", async () => {
        const { inspection } = await inspectProd(await prodAccount(withDeliveriesAt(30)));
        const findings = inspection.document.deliveries.filter((delivery) => delivery.finding !== null);
        expect(findings.map((delivery) => [delivery.service, delivery.newestAgeHours])).to.deep.equal([
            ["cloudTrail", 30],
            ["config", 30],
        ]);
        expect(findings[0].finding).to.include(`no CloudTrail delivery for account ${PROD_ACCOUNT} in the last 24 h`).and.include("30.0 h old");
    });

    it("takes the window from maxAgeHours", async () => {
        const { inspection } = await inspectProd(await prodAccount(withDeliveriesAt(30)), { maxAgeHours: 48 });
        expect(inspection.document.deliveries.filter((delivery) => delivery.finding !== null)).to.deep.equal([]);
    });

    it("reports no delivery at all, and never Session Manager's or Security Hub's silence", async () => {
        const { inspection } = await inspectProd(await prodAccount((a) => (bucket(a).objects = bucket(a).objects.filter((object) => object.size === 0))));
        expect(inspection.document.deliveries.map((delivery) => [delivery.service, delivery.newestKey, delivery.finding === null])).to.deep.equal([
            ["cloudTrail", null, false],
            ["config", null, false],
            ["sessionManager", null, true],
            ["securityHub", null, true],
        ]);
        expect(inspection.document.deliveries[1].finding).to.match(/no Config delivery for account 222222222222 in the last \d+ days/);
    });

    it("reports a missing marker object as a finding for its prefix", async () => {
        const { inspection } = await inspectProd(await prodAccount((a) => (bucket(a).objects = bucket(a).objects.filter((object) => object.key !== "ssm-logs/"))));
        const ssm = inspection.document.deliveries.find((delivery) => delivery.service === "sessionManager");
        expect(ssm).to.include({ markerPresent: false });
        expect(ssm?.finding).to.equal("the marker object ssm-logs/ is missing");
        expect(inspection.document.deliveries.filter((delivery) => delivery.finding !== null)).to.have.length(1);
    });

    it("reports one entry per source account in the log-archive layout, each account's silence its own finding", async () => {
        const plan = await planStack({ stack: "prod", overrides: ['sourceAccountIds=["444444444444","555555555555"]', "managementAccountId=666666666666"] });
        const { inspection } = await inspectProd(await prodAccount((a) => bucket(a).objects.push(...deliveries("444444444444", NOW.getTime() - HOUR))), { plan });
        const dated = inspection.document.deliveries.filter((delivery) => delivery.service === "cloudTrail" || delivery.service === "config");
        expect(dated.map((delivery) => `${delivery.service} ${delivery.account} ${delivery.finding === null ? "arriving" : "silent"}`)).to.deep.equal([
            "cloudTrail 222222222222 arriving",
            "cloudTrail 666666666666 silent",
            "cloudTrail 444444444444 arriving",
            "cloudTrail 555555555555 silent",
            "config 222222222222 arriving",
            "config 666666666666 silent",
            "config 444444444444 arriving",
            "config 555555555555 silent",
        ]);
        expect(dated.find((delivery) => delivery.account === "444444444444")?.newestKey).to.include(`AWSLogs/${PROD_ORG}/444444444444/CloudTrail/`);
    });

    it("pages through a busy day to find its newest object", async () => {
        const base = `config-logs/AWSLogs/${PROD_ACCOUNT}/Config/us-east-1/2026/3/5/ConfigHistory/`;
        const busy = Array.from({ length: 1500 }, (_, index) => ({ key: `${base}${String(index).padStart(5, "0")}.json.gz`, lastModified: new Date(NOW.getTime() - (index === 1234 ? 0.5 : 5) * HOUR), size: 1 }));
        const { inspection, requests } = await inspectProd(await prodAccount((a) => bucket(a).objects.push(...busy)));
        const config = inspection.document.deliveries.find((delivery) => delivery.service === "config");
        expect(config).to.include({ newestKey: `${base}01234.json.gz`, newestAgeHours: 0.5 });
        expect(requests.filter((request) => request.prefix === `config-logs/AWSLogs/${PROD_ACCOUNT}/Config/us-east-1/2026/3/5/`)).to.have.length(2);
    });

    it("reports what Session Manager wrote, with its age", async () => {
        const { inspection } = await inspectProd(await prodAccount((a) => bucket(a).objects.push({ key: "ssm-logs/i-0abc-session.log", lastModified: new Date(NOW.getTime() - 5 * HOUR), size: 10 })));
        const ssm = inspection.document.deliveries.find((delivery) => delivery.service === "sessionManager");
        expect(ssm).to.include({ newestKey: "ssm-logs/i-0abc-session.log", newestAgeHours: 5, finding: null });
    });
});

describe("verify: failures that stop the check", () => {
    useTestEnv();

    const denied: { call: string; needs: string }[] = [
        { call: "s3:GetBucketPolicy", needs: "s3:GetBucketPolicy" },
        { call: "s3:GetBucketEncryption", needs: "s3:GetEncryptionConfiguration" },
        { call: "s3:GetBucketLifecycleConfiguration", needs: "s3:GetLifecycleConfiguration" },
        { call: "s3:ListObjectsV2", needs: "s3:ListBucket" },
        { call: "s3control:GetPublicAccessBlock", needs: "s3:GetAccountPublicAccessBlock" },
        { call: "kms:GetKeyPolicy", needs: "kms:GetKeyPolicy" },
        { call: "kms:DescribeKey", needs: "kms:DescribeKey" },
    ];
    for (const row of denied) {
        it(`names ${row.call} and the missing ${row.needs} when that one call is denied`, async () => {
            const error = await inspectProd(await prodAccount((a) => a.denied.add(row.call))).then(
                () => undefined,
                (caught: unknown) => caught,
            );
            expect(error).to.be.instanceOf(VerifyError);
            const message = (error as Error).message;
            expect(message).to.include(`${row.call} on `).and.include(`the caller needs ${row.needs}`);
            expect(message).to.include("arn:aws:iam::222222222222:role/AuditVerifier");
            expect(message).not.to.match(/\n\s+at /);
        });
    }

    it("says the bucket does not exist when S3 answers NoSuchBucket", async () => {
        const error = await inspectProd(await prodAccount((a) => (a.buckets = {}))).then(
            () => undefined,
            (caught: unknown) => caught,
        );
        expect(error).to.be.instanceOf(MissingBucketError);
        expect((error as Error).message).to.equal(`bucket ${PROD_BUCKET} does not exist (s3:GetBucketLocation answered NoSuchBucket): deploy the stack first, or check --stack and the account`);
    });

    it("refuses credentials of another account than the stack's", async () => {
        const error = await inspectProd(await prodAccount((a) => (a.accountId = "999999999999"))).then(
            () => undefined,
            (caught: unknown) => caught,
        );
        expect((error as Error).message).to.include("the credentials are for account 999999999999").and.include("stack prod is account 222222222222");
    });
});
