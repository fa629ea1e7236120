import { expect } from "chai";
import { AUDIT_LOG_ATHENA_TYPE, AuditLogAthena } from "../../../components/auditLogAthena";
import { AthenaMatrixSubject, AthenaStackInputs, athenaAccessRows, athenaMatrixSubject, evaluateAthenaRow } from "../../../tools/access/athena";
import { runUnderMocks } from "../../../tools/offline/capture";

// Athena over the audit logs, under the real IAM evaluator (@cloud-copilot/iam-simulate): the reader policy the
// component outputs, with the log bucket's, the results bucket's and the key's policies as the builders make them.
// Athena calls S3 and KMS with the caller's own credentials, so each row is one call Athena makes for the reader.
// Athena workgroups and Glue tables have no resource policy here: those rows carry an empty one.

const DEV: AthenaStackInputs = {
    stack: "dev-athena",
    partition: "aws",
    accountId: "111111111111",
    region: "eu-west-1",
    logBucketName: "network-compliance-logs-111111111111-eu-west-1",
    cloudTrailArns: [],
    readerArns: ["arn:aws:iam::111111111111:role/SecurityAuditor"],
    athena: {},
    readersEncryptQueryResults: false,
};

const PROD: AthenaStackInputs = {
    stack: "prod-athena",
    partition: "aws",
    accountId: "222222222222",
    region: "us-east-1",
    logBucketName: "network-compliance-logs-222222222222-us-east-1",
    organizationId: "o-a1b2c3d4e5",
    cloudTrailArns: ["arn:aws:cloudtrail:us-east-1:222222222222:trail/organization-trail"],
    readerArns: ["arn:aws:iam::222222222222:role/SecurityAuditor", "arn:aws:iam::333333333333:role/SiemIngest"],
    kmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    athena: { workgroupName: "auditors" },
    readersEncryptQueryResults: true,
};

async function failuresOf(subject: AthenaMatrixSubject): Promise<string[]> {
    const failures: string[] = [];
    for (const row of athenaAccessRows(subject)) {
        const verdict = await evaluateAthenaRow(subject, row);
        if (verdict.actual !== row.expected || verdict.ignoredContextKeys.length > 0) {
            failures.push(
                `✗ [${row.step}] ${row.what}: ${row.principal} ${row.action} ${row.resource}\n` +
                    `  expected ${row.expected}, got ${verdict.actual}` +
                    (verdict.ignoredContextKeys.length > 0 ? `; ignored context keys: ${verdict.ignoredContextKeys.join(", ")}` : "") +
                    `\n${verdict.explanation}`,
            );
        }
    }
    return failures;
}

describe("the Athena access matrix under a real IAM evaluator", () => {
    for (const inputs of [DEV, PROD]) {
        it(`gives every ${inputs.stack} row the verdict it promises, with no ignored context key`, async () => {
            const failures = await failuresOf(athenaMatrixSubject(inputs));
            expect(failures, failures.join("\n\n")).to.deep.equal([]);
        });
    }

    it("covers a query end to end, the reader's bounds, log writes, cross-account use and outsiders, with every verdict", () => {
        const rows = athenaAccessRows(athenaMatrixSubject(PROD));
        expect(new Set(rows.map((row) => row.step))).to.deep.equal(
            new Set([
                "a reader runs a query end to end",
                "a reader uses the Athena console",
                "a reader stays within the workgroup, the database and the log prefixes",
                "a reader cannot write logs",
                "a reader in another account uses the results bucket",
                "an outsider can do nothing",
            ]),
        );
        expect(new Set(rows.map((row) => row.expected))).to.deep.equal(new Set(["Allowed", "ExplicitlyDenied", "ImplicitlyDenied"]));
        expect(new Set(rows.map((row) => row.against))).to.deep.equal(new Set(["none", "logBucket", "resultsBucket", "key"]));
        expect(rows.length).to.be.at.least(45);
        const endToEnd = rows.filter((row) => row.step === "a reader runs a query end to end");
        expect(endToEnd.every((row) => row.expected === "Allowed")).to.equal(true);
        expect(endToEnd.map((row) => row.action)).to.include.members(["athena:StartQueryExecution", "glue:GetTable", "s3:GetObject", "kms:Decrypt", "kms:GenerateDataKey", "s3:PutObject", "athena:GetQueryResults"]);
    });

    it("covers a console session, each call Allowed on the narrowest resource Athena authorizes it on (AWS-ATH-403)", () => {
        const rows = athenaAccessRows(athenaMatrixSubject(PROD)).filter((row) => row.step === "a reader uses the Athena console");
        expect(rows.every((row) => row.expected === "Allowed")).to.equal(true);
        const resourceOf = Object.fromEntries(rows.map((row) => [row.action, row.resource]));
        expect(resourceOf).to.include({
            "athena:ListWorkGroups": "*",
            "athena:ListDataCatalogs": "*",
            "athena:GetDataCatalog": "arn:aws:athena:us-east-1:222222222222:datacatalog/AwsDataCatalog",
            "athena:ListDatabases": "arn:aws:athena:us-east-1:222222222222:datacatalog/AwsDataCatalog",
            "athena:GetQueryRuntimeStatistics": "arn:aws:athena:us-east-1:222222222222:workgroup/auditors",
        });
        // Only the two list calls that take no resource are granted on "*".
        const statements = (athenaMatrixSubject(PROD).readerPolicy as { Statement: { Action: string[]; Resource: unknown }[] }).Statement;
        expect(statements.filter((statement) => statement.Resource === "*").flatMap((statement) => statement.Action)).to.deep.equal(["athena:ListWorkGroups", "athena:ListDataCatalogs"]);
    });

    // A same-account reader gets GenerateDataKey from its IAM policy through the key policy's account-root statement;
    // a reader in another account only from the key policy itself.
    it("needs the key policy's readersEncryptQueryResults: without it a reader in another account cannot write an encrypted result", async () => {
        const subject = athenaMatrixSubject({ ...PROD, readersEncryptQueryResults: false });
        const row = athenaAccessRows(subject).find((candidate) => candidate.action === "kms:GenerateDataKey" && candidate.principal === PROD.readerArns[1]);
        expect(row).to.not.equal(undefined);
        expect((await evaluateAthenaRow(subject, row!)).actual).to.equal("ImplicitlyDenied");
    });

    it("judges the policies the component registers: its results bucket policy and reader policy are the matrix's", async () => {
        let component: AuditLogAthena | undefined;
        const run = await runUnderMocks({ project: "test", stack: "test", config: {}, identity: { accountId: PROD.accountId, region: PROD.region } }, () => {
            component = new AuditLogAthena("athena", {
                partition: PROD.partition,
                accountId: PROD.accountId,
                region: PROD.region,
                bucketName: PROD.logBucketName,
                cloudTrailPrefix: "cloudtrail-logs/",
                configPrefix: "config-logs/",
                organizationId: PROD.organizationId,
                readerArns: PROD.readerArns,
                kmsKeyArn: PROD.kmsKeyArn,
                tags: {},
                athena: PROD.athena,
            });
        }, { stack: false });
        expect(run.resources.some((resource) => resource.type === AUDIT_LOG_ATHENA_TYPE)).to.equal(true);
        const subject = athenaMatrixSubject(PROD);
        const registeredPolicy = run.resources.find((resource) => resource.type === "aws:s3/bucketPolicy:BucketPolicy")?.inputs.policy as string;
        expect(JSON.parse(registeredPolicy)).to.deep.equal(subject.resultsBucketPolicy);
        const readerPolicyJson = await new Promise<string>((resolve) => (component as AuditLogAthena).readerPolicyJson.apply(resolve));
        expect(JSON.parse(readerPolicyJson)).to.deep.equal(subject.readerPolicy);
    });
});
