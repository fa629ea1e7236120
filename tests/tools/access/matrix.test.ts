import { expect } from "chai";
import { planStack } from "../../../tools/offline/plan";
import { evaluateRow } from "../../../tools/access/evaluate";
import { AccessRow, MatrixSubject, accessRows, matrixSubject } from "../../../tools/access/rows";

// Who may do what to the audit logs, under the real IAM evaluator (@cloud-copilot/iam-simulate), for the policies
// the stacks actually generate (read from the resources the program registered under mocks, as after pulumi up).
//
// Evaluator gaps handled here, not papered over:
// - it drops context keys it does not know: every row asserts ignoredContextKeys is empty, so a misspelt key
//   cannot make a row pass;
// - it fills in no context keys: each row states aws:SecureTransport, aws:SourceArn, ... itself;
// - it would apply SCPs to service principals: no row passes any SCP;
// - runSimulation ignores kms:EncryptionContext:<key> conditions: rows that depend on one run through
//   runUnsafeSimulation with a key policy validated by @cloud-copilot/iam-policy (dependsOnEncryptionContext);
// - it does not model the root user's implicit full access: root rows carry it as an identity policy, so they prove
//   that no Deny of the bucket policy covers the account root.

/** A China-partition variant of prod: every ARN in aws-cn, endpoints in amazonaws.com.cn. */
const CHINA = [
    "aws:region=cn-north-1",
    'cloudTrailArns=["arn:aws-cn:cloudtrail:cn-north-1:222222222222:trail/organization-trail"]',
    'readerArns=["arn:aws-cn:iam::222222222222:role/SecurityAuditor", "arn:aws-cn:iam::333333333333:role/SiemIngest"]',
    'sessionManagerWriterArns=["arn:aws-cn:iam::222222222222:role/SsmSessionLogging"]',
    'securityHubWriterArns=["arn:aws-cn:iam::222222222222:role/SecurityHubFirehoseDelivery"]',
    "accessLogBucket=network-access-logs-222222222222-cn-north-1",
    "vaultRegion=cn-northwest-1",
    "vaultRoleArn=arn:aws-cn:iam::555555555555:role/AuditVaultDeployer",
    'vaultAdminArns=["arn:aws-cn:iam::555555555555:role/AuditVaultDeployer"]',
];

const SUBJECTS: { name: string; stack: string; overrides: string[] }[] = [
    { name: "dev", stack: "dev", overrides: [] },
    { name: "prod", stack: "prod", overrides: [] },
    { name: "log-archive (the whole organization)", stack: "log-archive", overrides: [] },
    { name: "log-archive with sourceAccountIds", stack: "log-archive", overrides: ['sourceAccountIds=["888888888888", "444455556666"]'] },
    { name: "prod in cn-north-1 (aws-cn)", stack: "prod", overrides: CHINA },
    { name: "dev with allowDeletion", stack: "dev", overrides: ["allowDeletion=true"] },
];

// Each test plans its stack itself (not in a before hook), so mutation testing attributes the policy builders'
// code to the tests that judge it.
async function subjectOf(stack: string, overrides: string[] = []): Promise<{ subject: MatrixSubject; rows: AccessRow[] }> {
    const subject = matrixSubject(await planStack({ stack, overrides, asDeployed: true }));
    return { subject, rows: accessRows(subject) };
}

async function failures(subject: MatrixSubject, rows: AccessRow[]): Promise<string[]> {
    const failed: string[] = [];
    for (const row of rows) {
        const verdict = await evaluateRow(subject, row);
        if (verdict.actual !== row.expected || verdict.ignoredContextKeys.length > 0) {
            failed.push(
                `✗ ${row.what}: ${row.principal} ${row.action} ${row.resource}\n` +
                    `  expected ${row.expected}, got ${verdict.actual} via ${verdict.engine}` +
                    (verdict.ignoredContextKeys.length > 0 ? `; ignored context keys: ${verdict.ignoredContextKeys.join(", ")}` : "") +
                    `\n${verdict.explanation}`,
            );
        }
    }
    return failed;
}

describe("the access matrix under a real IAM evaluator", () => {
    it("has at least 60 rows across the stacks, covering both policies", async () => {
        const all = (await Promise.all(["dev", "prod"].map((stack) => subjectOf(stack)))).flatMap(({ rows }) => rows);
        expect(all.length).to.be.at.least(60);
        expect(all.filter((row) => row.against === "key").length).to.be.at.least(10);
        expect(new Set(all.map((row) => row.expected))).to.deep.equal(new Set(["Allowed", "ExplicitlyDenied", "ImplicitlyDenied"]));
    });

    for (const { name, stack, overrides } of SUBJECTS) {
        describe(`stack ${name}`, () => {
            it("gives every row the verdict the matrix promises, with no ignored context key", async () => {
                const { subject, rows } = await subjectOf(stack, overrides);
                const failed = await failures(subject, rows);
                expect(failed, failed.join("\n\n")).to.deep.equal([]);
            });
        });
    }

    it("proves the account root and an s3:* administrator keep the bucket policy, lifecycle and encryption", async () => {
        const { rows } = await subjectOf("prod");
        const kept = rows.filter((row) => /^(the account root|an administrator whose own policy allows s3:\*) calls s3:(Get|Put)(BucketPolicy|LifecycleConfiguration|EncryptionConfiguration)$/.test(row.what));
        expect(kept).to.have.length(12);
        expect(kept.every((row) => row.expected === "Allowed")).to.equal(true);
    });

    it("fails the lockout rows on a bucket policy whose Deny names the account root", async () => {
        const { subject, rows } = await subjectOf("dev");
        const root = `arn:aws:iam::${subject.accountId}:root`;
        const statements = (subject.bucketPolicy.Statement as Record<string, unknown>[]).concat({
            Sid: "DenyLogReadersChanges",
            Effect: "Deny",
            Principal: { AWS: root },
            Action: ["s3:PutBucketPolicy", "s3:PutLifecycleConfiguration", "s3:PutEncryptionConfiguration"],
            Resource: `arn:aws:s3:::${subject.bucketName}`,
        });
        const locked = { ...subject, bucketPolicy: { ...subject.bucketPolicy, Statement: statements } };
        const failed = await failures(locked, rows.filter((row) => row.principal === root));
        expect(failed.length).to.equal(3);
        expect(failed.join("\n")).to.match(/expected Allowed, got ExplicitlyDenied/);
    });

    it("turns the administrator's version delete from denied to allowed with allowDeletion, and keeps outsiders out", async () => {
        const verdicts = async (overrides: string[]): Promise<Record<string, string>> => {
            const { subject, rows } = await subjectOf("dev", overrides);
            const deletes = rows.filter((row) => row.action === "s3:DeleteObjectVersion" && /administrator/.test(row.what));
            const result: Record<string, string> = {};
            for (const row of deletes) {
                result[row.principal.includes(subject.accountId) ? "admin" : "outsider"] = (await evaluateRow(subject, row)).actual;
            }
            return result;
        };
        expect(await verdicts([])).to.deep.equal({ admin: "ExplicitlyDenied", outsider: "ExplicitlyDenied" });
        expect(await verdicts(["allowDeletion=true"])).to.deep.equal({ admin: "Allowed", outsider: "ImplicitlyDenied" });
    });

    it("reads central log-archive mode and the partition from the stack", async () => {
        const { subject, rows } = await subjectOf("log-archive");
        expect(subject).to.include({ organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777", partition: "aws" });
        expect(rows.some((row) => /member account delivers under its own/.test(row.what) && row.expected === "Allowed")).to.equal(true);
        expect(rows.some((row) => /outside the organization/.test(row.what) && row.expected === "ImplicitlyDenied")).to.equal(true);
        // The access-log bucket it creates is judged by its own policy: S3's log delivery for this bucket only.
        expect(subject.accessLogBucket).to.deep.include({ bucketName: "s3-access-logs-666666666666-eu-west-1", targetPrefix: "network-compliance-logs-666666666666-eu-west-1/" });
        const deliveries = rows.filter((row) => row.against === "accessLogBucket" && row.principal === "logging.s3.amazonaws.com");
        expect(deliveries.map((row) => row.expected)).to.deep.equal(["Allowed", "ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied", "ExplicitlyDenied"]);
        const china = await subjectOf("prod", CHINA);
        expect(china.subject.partition).to.equal("aws-cn");
        const viaS3 = china.rows.find((row) => row.what === "a reader decrypts through S3");
        expect(viaS3?.context["kms:ViaService"]).to.equal("s3.cn-north-1.amazonaws.com.cn");
    });
});
