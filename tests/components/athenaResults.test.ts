import { expect } from "chai";
import { RESULTS_LIFECYCLE_RULE_IDS, resultsBucketPolicy, resultsLifecycleRules, workgroupConfiguration } from "../../components/athenaResults";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("the workgroup and the results bucket", () => {
    it("enforces its configuration: results in the results bucket, SSE-KMS with the bucket's key, the scan limit, the owner", () => {
        expect(workgroupConfiguration({ accountId: "123456789012", resultsBucketName: "audit-query-results-123456789012-eu-west-1", kmsKeyArn: KEY, bytesScannedCutoffPerQuery: 123456789 })).to.deep.equal({
            enforceWorkgroupConfiguration: true,
            publishCloudwatchMetricsEnabled: true,
            bytesScannedCutoffPerQuery: 123456789,
            resultConfiguration: {
                outputLocation: "s3://audit-query-results-123456789012-eu-west-1/",
                expectedBucketOwner: "123456789012",
                encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: KEY },
            },
        });
    });

    it("encrypts results with SSE-S3 when the logs have no KMS key", () => {
        const configuration = workgroupConfiguration({ accountId: "123456789012", resultsBucketName: "r", bytesScannedCutoffPerQuery: 10485760 });
        expect(configuration.resultConfiguration.encryptionConfiguration).to.deep.equal({ encryptionOption: "SSE_S3" });
    });

    it("expires results after the retention, noncurrent versions a day later, and cleans up uploads and delete markers", () => {
        const rules = resultsLifecycleRules(14);
        expect(rules).to.deep.equal([
            { id: RESULTS_LIFECYCLE_RULE_IDS.expire, status: "Enabled", filter: { prefix: "" }, expiration: { days: 14 }, noncurrentVersionExpiration: { noncurrentDays: 1 } },
            {
                id: RESULTS_LIFECYCLE_RULE_IDS.housekeeping,
                status: "Enabled",
                filter: { prefix: "" },
                expiration: { expiredObjectDeleteMarker: true },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
            },
        ]);
        expect(JSON.stringify(rules)).to.not.match(/GLACIER|DEEP_ARCHIVE|transition/i);
    });

    it("requires TLS in the results bucket and admits the readers to what Athena does there, and nobody else", () => {
        const readers = ["arn:aws:iam::123456789012:role/Auditor", "arn:aws:iam::333333333333:role/SiemIngest"];
        const policy = resultsBucketPolicy({ partition: "aws", resultsBucketName: "audit-query-results-123456789012-eu-west-1", readerArns: readers });
        const bySid = Object.fromEntries(policy.Statement.map((statement) => [statement.Sid, statement]));
        expect(bySid.DenyInsecureTransport).to.deep.include({ Effect: "Deny", Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
        expect(bySid.DenyInsecureTransport.Resource).to.deep.equal(["arn:aws:s3:::audit-query-results-123456789012-eu-west-1", "arn:aws:s3:::audit-query-results-123456789012-eu-west-1/*"]);
        expect(bySid.DenyOutdatedTls).to.deep.equal({
            Sid: "DenyOutdatedTls",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: ["arn:aws:s3:::audit-query-results-123456789012-eu-west-1", "arn:aws:s3:::audit-query-results-123456789012-eu-west-1/*"],
            Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
        });
        expect(bySid.QueryReadersResultsObjects).to.deep.include({ Principal: { AWS: readers }, Resource: "arn:aws:s3:::audit-query-results-123456789012-eu-west-1/*" });
        expect(bySid.QueryReadersResultsObjects.Action).to.include.members(["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]);
        expect(bySid.QueryReadersResultsBucket.Action).to.include.members(["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]);
        expect(policy.Statement.filter((statement) => statement.Effect === "Allow").every((statement) => statement.Principal !== "*")).to.equal(true);
        expect(resultsBucketPolicy({ partition: "aws", resultsBucketName: "r", readerArns: [] }).Statement.map((statement) => statement.Effect)).to.deep.equal(["Deny", "Deny"]);
    });
});
