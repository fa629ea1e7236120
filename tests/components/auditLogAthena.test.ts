import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { AUDIT_LOG_ATHENA_TYPE, AuditLogAthena, AuditLogAthenaInputs } from "../../components/auditLogAthena";
import { AuditLogBucket } from "../../components/auditLogBucket";
import { ProgramRun, runUnderMocks } from "../../tools/offline/capture";
import type { AnalyzerResource } from "../../tools/policy/analyzer";
import { analyzerResource } from "../../tools/policy/fromPlan";
import { ofType, single } from "../support/mocks";
import { PackUnderTest } from "../support/pack";

const ACCOUNT = "222222222222";
const REGION = "us-east-1";
const LOG_BUCKET = `network-compliance-logs-${ACCOUNT}-${REGION}`;
const RESULTS = `audit-query-results-${ACCOUNT}-${REGION}`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const READERS = [`arn:aws:iam::${ACCOUNT}:role/SecurityAuditor`, "arn:aws:iam::333333333333:role/SiemIngest"];

const T = {
    bucket: "aws:s3/bucket:Bucket",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    database: "aws:glue/catalogDatabase:CatalogDatabase",
    table: "aws:glue/catalogTable:CatalogTable",
    workgroup: "aws:athena/workgroup:Workgroup",
    query: "aws:athena/namedQuery:NamedQuery",
};

function athenaInputs(extra: Partial<AuditLogAthenaInputs> = {}): AuditLogAthenaInputs {
    return {
        partition: "aws",
        accountId: ACCOUNT,
        region: REGION,
        bucketName: LOG_BUCKET,
        cloudTrailPrefix: "cloudtrail-logs/",
        configPrefix: "config-logs/",
        readerArns: READERS,
        kmsKeyArn: KEY,
        tags: { purpose: "audit-logs", team: "security" },
        athena: {},
        ...extra,
    };
}

/** Registers the Athena child alone under the SDK's mocks and returns what it registered, with its outputs. */
async function registerAthena(extra: Partial<AuditLogAthenaInputs> = {}): Promise<ProgramRun & { outputs: Record<string, unknown> }> {
    let component: AuditLogAthena | undefined;
    const run = await runUnderMocks({ project: "test", stack: "test", config: {}, identity: { accountId: ACCOUNT, region: REGION } }, () => {
        component = new AuditLogAthena("logs-athena", athenaInputs(extra));
    }, { stack: false });
    const outputs: Record<string, unknown> = {};
    for (const name of ["databaseName", "workgroupName", "resultsBucketName", "readerPolicyJson"] as const) {
        outputs[name] = await new Promise((resolve) => (component as AuditLogAthena)[name].apply(resolve));
    }
    return { ...run, outputs };
}

/** The tables in name order (registrations arrive in no fixed order). */
function tablesOf(run: ProgramRun): ProgramRun["resources"] {
    return ofType(run, T.table).sort((a, b) => String(a.inputs.name).localeCompare(String(b.inputs.name)));
}

describe("the AuditLogAthena component under mocks", () => {
    it("registers itself with its type token and parents every child to itself", async () => {
        const run = await registerAthena();
        const component = single(run, AUDIT_LOG_ATHENA_TYPE);
        const children = run.resources.filter((resource) => resource !== component);
        expect(children.length).to.equal(1 + 6 + 1 + 2 + 1 + 5);
        for (const child of children) {
            expect(child.parent, child.name).to.equal(component.urn);
            expect(child.name.startsWith("logs-athena-"), child.name).to.equal(true);
        }
    });

    it("creates the results bucket named audit-query-results-<account>-<region>, tagged athena-query-results, never audit-logs", async () => {
        const run = await registerAthena();
        const bucket = single(run, T.bucket);
        expect(bucket.inputs.bucket).to.equal(RESULTS);
        expect(bucket.inputs.forceDestroy).to.equal(false);
        expect(bucket.inputs.tags).to.deep.equal({ purpose: "athena-query-results", team: "security" });
        expect(bucket.inputs).to.not.have.property("objectLockEnabled");
        expect(ofType(run, T.objectLock)).to.deep.equal([]);
        expect(run.outputs.resultsBucketName).to.equal(RESULTS);
    });

    it("lets a throwaway stack's destroy empty the results bucket and the workgroup, and only then", async () => {
        const throwaway = await registerAthena({ allowDeletion: true });
        expect(single(throwaway, T.bucket).inputs.forceDestroy).to.equal(true);
        expect(single(throwaway, T.workgroup).inputs.forceDestroy).to.equal(true);
        const kept = await registerAthena({ allowDeletion: false });
        expect(single(kept, T.bucket).inputs.forceDestroy).to.equal(false);
        expect(single(kept, T.workgroup).inputs.forceDestroy).to.equal(false);
    });

    it("hardens the results bucket like every bucket here: ACLs off, public access blocked, versioned, TLS only", async () => {
        const run = await registerAthena();
        expect(single(run, T.ownership).inputs).to.deep.include({ bucket: RESULTS, rule: { objectOwnership: "BucketOwnerEnforced" } });
        expect(single(run, T.pab).inputs).to.include({ bucket: RESULTS, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        expect(single(run, T.versioning).inputs).to.deep.include({ bucket: RESULTS, versioningConfiguration: { status: "Enabled" } });
        const policy = single(run, T.policy);
        expect(policy.dependsOn).to.include.members([single(run, T.ownership).urn, single(run, T.pab).urn]);
        const document = JSON.parse(policy.inputs.policy as string);
        expect(document.Statement[0]).to.deep.include({ Sid: "DenyInsecureTransport", Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
        expect(document.Statement.find((statement: { Sid: string }) => statement.Sid === "QueryReadersResultsObjects").Principal).to.deep.equal({ AWS: READERS });
    });

    it("encrypts results with the log bucket's key and Bucket Key, or with SSE-S3 when the logs have no key", async () => {
        expect(single(await registerAthena(), T.sse).inputs.rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }, bucketKeyEnabled: true, blockedEncryptionTypes: ["SSE-C"] }]);
        const plain = await registerAthena({ kmsKeyArn: undefined });
        expect(single(plain, T.sse).inputs.rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] }]);
        expect(single(plain, T.workgroup).inputs.configuration).to.deep.nested.include({ "resultConfiguration.encryptionConfiguration": { encryptionOption: "SSE_S3" } });
        expect(JSON.parse(plain.outputs.readerPolicyJson as string).Statement.some((statement: { Action: string[] }) => statement.Action.some((action) => action.startsWith("kms:")))).to.equal(false);
    });

    it("gives the results a short lifecycle, with noncurrent versions expiring, after versioning is on", async () => {
        const run = await registerAthena({ athena: { resultsRetentionDays: 7 } });
        const lifecycle = single(run, T.lifecycle);
        expect(lifecycle.dependsOn).to.include(single(run, T.versioning).urn);
        const rules = lifecycle.inputs.rules as Record<string, unknown>[];
        expect(rules[0]).to.deep.include({ expiration: { days: 7 }, noncurrentVersionExpiration: { noncurrentDays: 1 } });
        expect(JSON.stringify(rules)).to.not.match(/transition/i);
    });

    it("creates the Glue database and the CloudTrail and Config tables in it", async () => {
        const run = await registerAthena({ athena: { databaseName: "trail_db" } });
        expect(single(run, T.database).inputs).to.deep.include({ name: "trail_db" });
        const tables = tablesOf(run);
        expect(tables.map((table) => table.inputs.name)).to.deep.equal(["cloudtrail_logs", "config_history"]);
        for (const table of tables) {
            expect(table.inputs.databaseName).to.equal("trail_db");
            expect(table.inputs.tableType).to.equal("EXTERNAL_TABLE");
            expect((table.inputs.parameters as Record<string, string>)["projection.enabled"]).to.equal("true");
        }
        const [trail, config] = tables.map((table) => table.inputs as { parameters: Record<string, string>; storageDescriptor: { serDeInfo: { serializationLibrary: string } } });
        expect(trail.parameters["storage.location.template"]).to.equal(`s3://${LOG_BUCKET}/cloudtrail-logs/AWSLogs/\${account}/CloudTrail/\${region}/\${day}`);
        expect(trail.storageDescriptor.serDeInfo.serializationLibrary).to.equal("org.apache.hive.hcatalog.data.JsonSerDe");
        expect(config.parameters["projection.day.format"]).to.equal("yyyy/M/d");
        expect(run.outputs.databaseName).to.equal("trail_db");
    });

    it("projects the regions athena.regions names in both tables", async () => {
        const run = await registerAthena({ athena: { regions: ["eu-west-1", "us-east-1"] } });
        for (const table of tablesOf(run)) {
            expect((table.inputs.parameters as Record<string, string>)["projection.region.values"], String(table.inputs.name)).to.equal("eu-west-1,us-east-1");
        }
    });

    it("reads the organization trail's layout, accounts injected, when an organization is configured", async () => {
        const run = await registerAthena({ organizationId: "o-a1b2c3d4e5" });
        const trail = tablesOf(run)[0].inputs as { parameters: Record<string, string> };
        expect(trail.parameters["storage.location.template"]).to.equal(`s3://${LOG_BUCKET}/cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/\${account}/CloudTrail/\${region}/\${day}`);
        expect(trail.parameters["projection.account.type"]).to.equal("injected");
        const queries = ofType(run, T.query).map((query) => query.inputs.query as string);
        expect(queries.filter((query) => query.includes(`account = '${ACCOUNT}'`))).to.have.length(5);
    });

    it("creates a workgroup that enforces the results bucket, the key, the scan limit and the owner", async () => {
        const run = await registerAthena({ athena: { workgroupName: "auditors", bytesScannedCutoffPerQuery: 1073741824 } });
        const workgroup = single(run, T.workgroup);
        expect(workgroup.inputs).to.deep.include({ name: "auditors", state: "ENABLED", forceDestroy: false });
        expect(workgroup.inputs.tags).to.deep.include({ purpose: "athena-query-results" });
        expect(workgroup.inputs.configuration).to.deep.equal({
            enforceWorkgroupConfiguration: true,
            publishCloudwatchMetricsEnabled: true,
            bytesScannedCutoffPerQuery: 1073741824,
            resultConfiguration: { outputLocation: `s3://${RESULTS}/`, expectedBucketOwner: ACCOUNT, encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: KEY } },
        });
        expect(workgroup.dependsOn).to.include.members([single(run, T.sse).urn, single(run, T.policy).urn]);
        expect(run.outputs.workgroupName).to.equal("auditors");
    });

    it("never lets Athena write into the audit-log bucket: the output location is outside it", async () => {
        for (const extra of [{}, { organizationId: "o-a1b2c3d4e5" }, { athena: { workgroupName: "x" } }]) {
            const run = await registerAthena(extra);
            const location = (single(run, T.workgroup).inputs.configuration as { resultConfiguration: { outputLocation: string } }).resultConfiguration.outputLocation;
            const bucketOf = (url: string): string => /^s3:\/\/([^/]+)\//.exec(url)?.[1] ?? "";
            expect(bucketOf(location)).to.equal(RESULTS);
            expect(bucketOf(location)).to.not.equal(LOG_BUCKET);
            for (const table of ofType(run, T.table)) {
                expect(bucketOf((table.inputs.storageDescriptor as { location: string }).location)).to.equal(LOG_BUCKET);
            }
        }
    });

    it("saves the five named queries in the workgroup, against the database, after the tables exist", async () => {
        const run = await registerAthena();
        const queries = ofType(run, T.query);
        const tables = ofType(run, T.table).map((table) => table.urn);
        expect(queries.map((query) => query.name)).to.have.members([
            "logs-athena-query-root-account-use",
            "logs-athena-query-console-sign-in-without-mfa",
            "logs-athena-query-log-bucket-protection-changes",
            "logs-athena-query-kms-key-disable-or-deletion",
            "logs-athena-query-config-non-compliant",
        ]);
        for (const query of queries) {
            expect(query.inputs).to.include({ database: "audit_logs", workgroup: "audit-logs" });
            expect(query.dependsOn).to.include.members(tables);
        }
        expect(queries.find((query) => query.name.endsWith("log-bucket-protection-changes"))?.inputs.query).to.include(`'${LOG_BUCKET}'`);
    });

    it("outputs the reader policy: the workgroup, the database, the log prefixes, the results bucket and the key via S3", async () => {
        const run = await registerAthena();
        const policy = JSON.parse(run.outputs.readerPolicyJson as string) as { Statement: { Sid: string; Action: string[]; Resource: string | string[]; Condition?: unknown }[] };
        const resources = policy.Statement.flatMap((statement) => [statement.Resource].flat());
        expect(resources).to.include.members([
            `arn:aws:athena:${REGION}:${ACCOUNT}:workgroup/audit-logs`,
            `arn:aws:glue:${REGION}:${ACCOUNT}:database/audit_logs`,
            `arn:aws:s3:::${LOG_BUCKET}/cloudtrail-logs/*`,
            `arn:aws:s3:::${LOG_BUCKET}/config-logs/*`,
            `arn:aws:s3:::${RESULTS}/*`,
            KEY,
        ]);
        expect(policy.Statement.find((statement) => statement.Resource === KEY)?.Condition).to.deep.equal({ StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` } });
    });

    const BAD: [string, Partial<AuditLogAthenaInputs>, RegExp][] = [
        ["a hyphenated database name", { athena: { databaseName: "audit-logs" } }, /athena\.databaseName = "audit-logs": .*no hyphens/],
        ["a scan limit below Athena's minimum", { athena: { bytesScannedCutoffPerQuery: 5 } }, /athena\.bytesScannedCutoffPerQuery = 5/],
        ["member accounts without an organization", { sourceAccountIds: ["333333333333"] }, /sourceAccountIds = .*only with organizationId/],
    ];
    for (const [what, extra, message] of BAD) {
        it(`refuses ${what} before registering anything`, async () => {
            const registered: unknown[] = [];
            let error: unknown;
            try {
                await runUnderMocks({ project: "test", stack: "test", config: {}, identity: { accountId: ACCOUNT, region: REGION }, sink: registered as never[] }, () => {
                    new AuditLogAthena("logs-athena", athenaInputs(extra));
                }, { stack: false });
            } catch (caught) {
                error = caught;
            }
            expect(String((error as Error | undefined)?.message)).to.match(message);
            expect(registered).to.deep.equal([]);
        });
    }
});

describe("the AuditLogAthena component before the policy pack, over the Analyzer protocol", function () {
    let pack: PackUnderTest;
    before(async () => {
        pack = await PackUnderTest.start();
    });
    after(() => pack?.close());

    /** The audit-log bucket of a prod-like stack with Athena on, as its child, the way the component wires it. */
    async function wholeStack(preview = false): Promise<AnalyzerResource[]> {
        const run = await runUnderMocks({ project: "test", stack: "test", config: {}, identity: { accountId: ACCOUNT, region: REGION }, preview }, () => {
            const logs = new AuditLogBucket("audit-logs", {
                accountId: ACCOUNT,
                region: REGION,
                encryption: "SSE_KMS",
                organizationId: "o-a1b2c3d4e5",
                cloudTrailArns: [`arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/organization-trail`],
                readerArns: READERS,
            });
            new AuditLogAthena("audit-logs-athena", athenaInputs({ organizationId: "o-a1b2c3d4e5", kmsKeyArn: logs.kmsKeyArn as pulumi.Output<string> }), { parent: logs });
        });
        return run.resources.map(analyzerResource);
    }

    it("passes the whole stack with Athena on: no violation names an Athena resource, no mandatory one at all", async () => {
        const resources = await wholeStack();
        const athenaUrns = new Set(resources.filter((resource) => resource.name.startsWith("audit-logs-athena")).map((resource) => resource.urn));
        expect(athenaUrns.size).to.equal(17);
        const violations = await pack.verdicts(resources);
        expect(violations.filter((violation) => athenaUrns.has(violation.urn) || violation.message.includes(RESULTS)), JSON.stringify(violations, null, 2)).to.deep.equal([]);
        expect(violations.filter((violation) => violation.enforcementLevel === "mandatory"), JSON.stringify(violations, null, 2)).to.deep.equal([]);
    });

    it("passes it in a preview too, where the key's ARN is not known yet", async () => {
        const resources = await wholeStack(true);
        const workgroup = resources.find((resource) => resource.type === T.workgroup);
        expect(workgroup, "the workgroup is registered in a preview").to.not.equal(undefined);
        const violations = await pack.verdicts(resources);
        expect(violations.filter((violation) => violation.urn.includes("audit-logs-athena") || violation.message.includes(RESULTS)), JSON.stringify(violations, null, 2)).to.deep.equal([]);
        expect(violations.filter((violation) => violation.enforcementLevel === "mandatory"), JSON.stringify(violations, null, 2)).to.deep.equal([]);
    });

    it("judges the results bucket like any bucket: without its public access block it is reported", async () => {
        const resources = (await wholeStack()).filter((resource) => resource.name !== "audit-logs-athena-results-public-access-block");
        const violations = await pack.verdicts(resources);
        const mandatory = violations.filter((violation) => violation.enforcementLevel === "mandatory");
        expect(mandatory.length, JSON.stringify(violations, null, 2)).to.be.greaterThan(0);
        expect(mandatory.every((violation) => violation.message.includes(RESULTS) || violation.urn.includes("audit-logs-athena-results")), JSON.stringify(mandatory, null, 2)).to.equal(true);
    });

    it("is not treated as an audit-log bucket: a 1-day result expiry raises no retention violation", async () => {
        const resources = await registerAthena({ athena: { resultsRetentionDays: 1 } });
        const violations = await pack.verdicts(resources.resources.map(analyzerResource));
        expect(violations, JSON.stringify(violations, null, 2)).to.deep.equal([]);
    });
});
