import { expect } from "chai";
import { accountRootArn, accountTrailsPattern, bucketArn, kmsKeyArnProblem, parseArn, partitionProblem, principalArnProblem, trailArnProblem } from "../../components/arns";

describe("ARNs", () => {
    it("parses the five parts of an ARN in each partition, and nothing else", () => {
        expect(parseArn("arn:aws:iam::123456789012:role/path/Reader")).to.deep.equal({ partition: "aws", service: "iam", region: "", account: "123456789012", resource: "role/path/Reader" });
        expect(parseArn("arn:aws-cn:kms:cn-north-1:123456789012:key/k")?.partition).to.equal("aws-cn");
        expect(parseArn("arn:aws-us-gov:s3:::bucket")).to.deep.equal({ partition: "aws-us-gov", service: "s3", region: "", account: "", resource: "bucket" });
        for (const bad of ["", "arn:aws:iam::123:role/x", "arn:azure:iam::123456789012:role/x", "role/x", "arn:aws:iam::123456789012:", " arn:aws:iam::123456789012:role/x"]) {
            expect(parseArn(bad), bad).to.equal(undefined);
        }
    });

    const principals: [string, RegExp | undefined][] = [
        ["arn:aws:iam::123456789012:role/LogReader", undefined],
        ["arn:aws:iam::123456789012:role/service-role/path/Reader+=,.@_-", undefined],
        ["arn:aws:iam::123456789012:user/auditor", undefined],
        // A principal that stands for a whole account: its Deny statements would lock the account out.
        ["arn:aws:iam::123456789012:root", /not an account root.*lock every principal of that account out, the deployer included/],
        ["arn:aws-cn:iam::123456789012:root", /not an account root/],
        ["123456789012", /not a bare account id.*lock every principal of that account out/],
        ["arn:aws:iam::123456789012:*", /wildcard or public.*the deployer included/],
        ["*", /wildcard or public/],
        [" * ", /wildcard or public/],
        ["arn:aws:iam::123456789012:role/Log*", /wildcard or public/],
        ["arn:aws:iam::123456789012:role/Log?", /wildcard or public/],
        ["arn:aws:iam::123456789012:group/admins", /IAM role or user ARN/],
        ["arn:aws:iam::123456789012:role/", /IAM role or user ARN/],
        ["arn:aws:s3:::bucket", /IAM role or user ARN/],
        ["arn:aws:iam::aws:policy/ReadOnlyAccess", /IAM role or user ARN/],
        ["arn:aws:sts::123456789012:assumed-role/r/s", /IAM role or user ARN/],
    ];
    for (const [arn, problem] of principals) {
        it(problem ? `refuses ${JSON.stringify(arn)} as a principal` : `accepts ${arn} as a principal`, () => {
            const found = principalArnProblem(arn);
            if (problem) {
                expect(found).to.match(problem);
            } else {
                expect(found).to.equal(undefined);
            }
        });
    }

    it("refuses an ARN of another partition than the bucket's, and accepts its own", () => {
        expect(partitionProblem("arn:aws:iam::123456789012:role/r", "aws-cn")).to.match(/bucket's partition aws-cn \(arn:aws-cn:\.\.\.\), not aws/);
        expect(partitionProblem("arn:aws-cn:iam::123456789012:role/r", "aws-cn")).to.equal(undefined);
        expect(partitionProblem("arn:aws:iam::123456789012:role/r", "aws")).to.equal(undefined);
    });

    it("accepts trail ARNs only", () => {
        expect(trailArnProblem("arn:aws:cloudtrail:us-east-1:123456789012:trail/main")).to.equal(undefined);
        expect(trailArnProblem("arn:aws-us-gov:cloudtrail:us-gov-west-1:123456789012:trail/org.trail_1")).to.equal(undefined);
        for (const bad of [
            "arn:aws:cloudtrail:us-east-1:123456789012:main",
            "arn:aws:cloudtrail::123456789012:trail/main",
            "arn:aws:cloudtrail:us-east-1:aws:trail/main",
            "arn:aws:cloudtrail:us-east-1:123456789012:trail/ab",
            "arn:aws:cloudtrail:us-east-1:123456789012:trail/a b c",
            "arn:aws:logs:us-east-1:123456789012:trail/main",
        ]) {
            expect(trailArnProblem(bad), bad).to.match(/trail ARN/);
        }
    });

    it("accepts KMS key and alias ARNs in the bucket's region only", () => {
        expect(kmsKeyArnProblem("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "eu-west-1")).to.equal(undefined);
        expect(kmsKeyArnProblem("arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab", "eu-west-1")).to.equal(undefined);
        expect(kmsKeyArnProblem("arn:aws:kms:eu-west-1:123456789012:alias/audit-logs", "eu-west-1")).to.equal(undefined);
        expect(kmsKeyArnProblem("arn:aws:kms:us-east-1:123456789012:alias/audit-logs", "eu-west-1")).to.match(/bucket's region eu-west-1: S3 cannot use a KMS key from us-east-1/);
        for (const bad of ["arn:aws:kms:eu-west-1:123456789012:key/not-a-uuid", "arn:aws:kms:eu-west-1:aws:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:s3:::bucket", "alias/audit-logs"]) {
            expect(kmsKeyArnProblem(bad, "eu-west-1"), bad).to.match(/KMS key or alias ARN/);
        }
    });

    it("builds bucket, root and trail-pattern ARNs in the partition given", () => {
        expect(bucketArn("aws-cn", "logs")).to.equal("arn:aws-cn:s3:::logs");
        expect(accountRootArn("aws", "123456789012")).to.equal("arn:aws:iam::123456789012:root");
        expect(accountTrailsPattern("aws-us-gov", "123456789012")).to.equal("arn:aws-us-gov:cloudtrail:*:123456789012:trail/*");
    });
});
