import { expect } from "chai";
import { READER_POLICY_SIDS, readerPolicy } from "../../components/athenaReaderPolicy";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("the reader policy", () => {
    const inputs = {
        partition: "aws",
        accountId: "123456789012",
        region: "eu-west-1",
        workgroupName: "audit-logs",
        databaseName: "audit_logs",
        logBucketName: "network-compliance-logs-123456789012-eu-west-1",
        logPrefixes: ["cloudtrail-logs/", "config-logs/"],
        resultsBucketName: "audit-query-results-123456789012-eu-west-1",
    };

    it("scopes Athena to the workgroup, Glue to the database, and log reads to the log prefixes", () => {
        const policy = readerPolicy(inputs);
        const bySid = Object.fromEntries(policy.Statement.map((statement) => [statement.Sid, statement]));
        expect(bySid[READER_POLICY_SIDS.athena].Resource).to.equal("arn:aws:athena:eu-west-1:123456789012:workgroup/audit-logs");
        expect(bySid[READER_POLICY_SIDS.glue].Resource).to.deep.equal([
            "arn:aws:glue:eu-west-1:123456789012:catalog",
            "arn:aws:glue:eu-west-1:123456789012:database/audit_logs",
            "arn:aws:glue:eu-west-1:123456789012:table/audit_logs/*",
        ]);
        expect(policy.Statement.find((statement) => statement.Action.includes("s3:ListBucket") && statement.Resource === "arn:aws:s3:::network-compliance-logs-123456789012-eu-west-1")).to.deep.equal({
            Sid: "LocateAndListTheLogsUnderPrefixes",
            Effect: "Allow",
            Action: ["s3:ListBucket"],
            Resource: "arn:aws:s3:::network-compliance-logs-123456789012-eu-west-1",
            Condition: { StringLike: { "s3:prefix": ["cloudtrail-logs/*", "config-logs/*"] } },
        });
        expect(bySid[READER_POLICY_SIDS.logObjects].Resource).to.deep.equal([
            "arn:aws:s3:::network-compliance-logs-123456789012-eu-west-1/cloudtrail-logs/*",
            "arn:aws:s3:::network-compliance-logs-123456789012-eu-west-1/config-logs/*",
        ]);
        const actions = policy.Statement.flatMap((statement) => statement.Action);
        expect(actions.filter((action) => /^s3:(Put|Delete)/.test(action) && action !== "s3:PutObject")).to.deep.equal([]);
        const puts = policy.Statement.filter((statement) => statement.Action.includes("s3:PutObject"));
        expect(puts.map((statement) => statement.Resource)).to.deep.equal(["arn:aws:s3:::audit-query-results-123456789012-eu-west-1/*"]);
        expect(actions.some((action) => action.endsWith("*"))).to.equal(false);
        // AWS-ATH-403: only the console's two listings, which take no resource, are granted on "*".
        expect(policy.Statement.filter((statement) => statement.Resource === "*").map((statement) => statement.Action)).to.deep.equal([["athena:ListWorkGroups", "athena:ListDataCatalogs"]]);
        expect(policy.Statement.some((statement) => statement.Sid === READER_POLICY_SIDS.kms)).to.equal(false);
    });

    it("lets readers use the key through S3 only, to decrypt logs and to encrypt results, when there is one", () => {
        const kms = readerPolicy({ ...inputs, kmsKeyArn: KEY }).Statement.find((statement) => statement.Sid === READER_POLICY_SIDS.kms);
        expect(kms).to.deep.equal({
            Sid: READER_POLICY_SIDS.kms,
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: KEY,
            Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
        });
        const china = readerPolicy({ ...inputs, partition: "aws-cn", region: "cn-north-1", kmsKeyArn: KEY }).Statement.find((statement) => statement.Sid === READER_POLICY_SIDS.kms);
        expect(china?.Condition).to.deep.equal({ StringEquals: { "kms:ViaService": "s3.cn-north-1.amazonaws.com.cn" } });
    });
});
