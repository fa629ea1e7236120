import { expect } from "chai";
import { accessLogBucketName, accessLogLifecycleRules, buildAccessLogBucketPolicy } from "../../components/accessLogPolicy";

const TARGET = "s3-access-logs-123456789012-eu-west-1";
const SOURCE = "network-compliance-logs-123456789012-eu-west-1";

describe("the access-log bucket policy builder", () => {
    it("names the target s3-access-logs-<account>-<region>, outside the audit-log name prefix", () => {
        expect(accessLogBucketName("123456789012", "eu-west-1")).to.equal(TARGET);
        expect(accessLogBucketName("123456789012", "eu-west-1").startsWith("network-compliance-logs-")).to.equal(false);
    });

    it("admits only S3 server access logging, for the source bucket of this account, under the prefix, and requires TLS", () => {
        const policy = buildAccessLogBucketPolicy({ partition: "aws", accountId: "123456789012", targetBucket: TARGET, targetPrefix: `${SOURCE}/`, sourceBucket: SOURCE });
        const arn = `arn:aws:s3:::${TARGET}`;
        expect(policy).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                { Sid: "DenyOutdatedTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
                {
                    Sid: "S3ServerAccessLogsPolicy",
                    Effect: "Allow",
                    Principal: { Service: "logging.s3.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `${arn}/${SOURCE}/*`,
                    Condition: { ArnLike: { "aws:SourceArn": `arn:aws:s3:::${SOURCE}` }, StringEquals: { "aws:SourceAccount": "123456789012" } },
                },
            ],
        });
    });

    it("follows the partition", () => {
        const policy = buildAccessLogBucketPolicy({ partition: "aws-cn", accountId: "123456789012", targetBucket: "t-logs", targetPrefix: "p/", sourceBucket: "s-logs" });
        expect(policy.Statement[2].Resource).to.equal("arn:aws-cn:s3:::t-logs/p/*");
        expect(policy.Statement[2].Condition?.ArnLike).to.deep.equal({ "aws:SourceArn": "arn:aws-cn:s3:::s-logs" });
    });

    it("expires access logs and their old versions, and aborts incomplete uploads", () => {
        expect(accessLogLifecycleRules(365, 30)).to.deep.equal([
            {
                id: "expire-access-logs",
                status: "Enabled",
                filter: { prefix: "" },
                expiration: { days: 365 },
                noncurrentVersionExpiration: { noncurrentDays: 30 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
        ]);
    });
});
