import { expect } from "chai";
import { KEY_POLICY_SIDS, KeyPolicyInputs, buildKeyPolicy } from "../../components/keyPolicy";

function inputs(overrides: Partial<KeyPolicyInputs> = {}): KeyPolicyInputs {
    return { partition: "aws", accountId: "123456789012", region: "eu-west-1", cloudTrailArns: [], readerArns: [], writerArns: [], ...overrides };
}

function sids(overrides: Partial<KeyPolicyInputs> = {}): string[] {
    return buildKeyPolicy(inputs(overrides)).Statement.map((statement) => statement.Sid);
}

describe("the key policy builder", () => {
    it("keeps the account's administration of the key through IAM", () => {
        expect(buildKeyPolicy(inputs()).Statement[0]).to.deep.equal({
            Sid: "EnableAccountAdministration",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::123456789012:root" },
            Action: "kms:*",
            Resource: "*",
        });
    });

    it("lets CloudTrail generate data keys only for the account's trails, by source and encryption context", () => {
        const encrypt = buildKeyPolicy(inputs()).Statement.find((s) => s.Sid === KEY_POLICY_SIDS.cloudTrailEncrypt);
        expect(encrypt).to.deep.include({ Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*" });
        expect(encrypt?.Condition).to.deep.equal({
            ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:123456789012:trail/*" },
        });
        const named = buildKeyPolicy(inputs({ cloudTrailArns: ["arn:aws:cloudtrail:eu-west-1:123456789012:trail/main"] })).Statement.find((s) => s.Sid === KEY_POLICY_SIDS.cloudTrailEncrypt);
        expect(named?.Condition).to.deep.equal({
            StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:123456789012:trail/main" },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:eu-west-1:123456789012:trail/main" },
        });
    });

    it("lets Config encrypt only for its own account", () => {
        const config = buildKeyPolicy(inputs()).Statement.find((s) => s.Sid === KEY_POLICY_SIDS.configEncrypt);
        expect(config?.Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": "123456789012" } });
    });

    it("lets readers decrypt only through S3 in the bucket's region", () => {
        const readers = buildKeyPolicy(inputs({ readerArns: ["arn:aws:iam::123456789012:role/r"] })).Statement.find((s) => s.Sid === KEY_POLICY_SIDS.readersDecrypt);
        expect(readers).to.deep.include({ Principal: { AWS: "arn:aws:iam::123456789012:role/r" }, Action: "kms:Decrypt" });
        expect(readers?.Condition).to.deep.equal({ StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } });
    });

    it("writes the whole key policy of a stack with every feature, statement by statement", () => {
        const trail = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/main";
        const reader = "arn:aws:iam::123456789012:role/r";
        const writers = ["arn:aws:iam::123456789012:role/ssm", "arn:aws:iam::123456789012:role/firehose"];
        const cloudTrail = { Service: "cloudtrail.amazonaws.com" };
        const viaS3 = { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } };
        expect(buildKeyPolicy(inputs({ cloudTrailArns: [trail], organizationId: "o-a1b2c3d4e5", readerArns: [reader], writerArns: writers }))).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                { Sid: "EnableAccountAdministration", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
                {
                    Sid: "AllowCloudTrailEncryptLogs",
                    Effect: "Allow",
                    Principal: cloudTrail,
                    Action: "kms:GenerateDataKey*",
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceArn": trail }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trail } },
                },
                { Sid: "AllowCloudTrailDescribeKey", Effect: "Allow", Principal: cloudTrail, Action: "kms:DescribeKey", Resource: "*", Condition: { StringEquals: { "aws:SourceArn": trail } } },
                { Sid: "AllowConfigEncryptDeliveries", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
                {
                    Sid: "AllowOrganizationTrailEncryptLogs",
                    Effect: "Allow",
                    Principal: cloudTrail,
                    Action: "kms:GenerateDataKey*",
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trail } },
                },
                { Sid: "AllowOrganizationTrailDescribeKey", Effect: "Allow", Principal: cloudTrail, Action: "kms:DescribeKey", Resource: "*", Condition: { StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" } } },
                { Sid: "AllowLogReadersDecryptViaS3", Effect: "Allow", Principal: { AWS: reader }, Action: "kms:Decrypt", Resource: "*", Condition: viaS3 },
                { Sid: "AllowLogWritersEncryptViaS3", Effect: "Allow", Principal: { AWS: writers }, Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: "*", Condition: viaS3 },
            ],
        });
    });

    it("admits any trail of the organization when no trail is named", () => {
        const statement = buildKeyPolicy(inputs({ organizationId: "o-a1b2c3d4e5" })).Statement.find((s) => s.Sid === KEY_POLICY_SIDS.organizationTrailEncrypt);
        expect(statement?.Condition).to.deep.equal({
            StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:*:trail/*" },
        });
    });

    it("adds reader, writer and organization statements only when they have principals", () => {
        expect(sids()).to.deep.equal(["EnableAccountAdministration", "AllowCloudTrailEncryptLogs", "AllowCloudTrailDescribeKey", "AllowConfigEncryptDeliveries"]);
        expect(sids({ organizationId: "o-a1b2c3d4e5", writerArns: ["arn:aws:iam::123456789012:role/w"] })).to.include.members([
            KEY_POLICY_SIDS.organizationTrailEncrypt,
            KEY_POLICY_SIDS.organizationTrailDescribe,
            KEY_POLICY_SIDS.writersEncrypt,
        ]);
    });

    it("names the S3 endpoint of the bucket's partition in kms:ViaService: amazonaws.com.cn in China", () => {
        const viaS3 = (partition: string, region: string) =>
            buildKeyPolicy(inputs({ partition, region, readerArns: [`arn:${partition}:iam::123456789012:role/r`], writerArns: [`arn:${partition}:iam::123456789012:role/w`] }))
                .Statement.filter((s) => s.Sid === KEY_POLICY_SIDS.readersDecrypt || s.Sid === KEY_POLICY_SIDS.writersEncrypt)
                .map((s) => s.Condition?.StringEquals["kms:ViaService"]);
        expect(viaS3("aws-cn", "cn-north-1")).to.deep.equal(["s3.cn-north-1.amazonaws.com.cn", "s3.cn-north-1.amazonaws.com.cn"]);
        expect(viaS3("aws-cn", "cn-northwest-1")).to.deep.equal(["s3.cn-northwest-1.amazonaws.com.cn", "s3.cn-northwest-1.amazonaws.com.cn"]);
        expect(viaS3("aws-us-gov", "us-gov-west-1")).to.deep.equal(["s3.us-gov-west-1.amazonaws.com", "s3.us-gov-west-1.amazonaws.com"]);
    });

    it("lets readers generate data keys through S3 for query results only when asked", () => {
        const reader = "arn:aws:iam::123456789012:role/r";
        expect(sids({ readerArns: [reader] })).not.to.include(KEY_POLICY_SIDS.readersEncryptQueryResults);
        expect(sids({ readerArns: [reader], readersEncryptQueryResults: false })).not.to.include(KEY_POLICY_SIDS.readersEncryptQueryResults);
        const statement = buildKeyPolicy(inputs({ readerArns: [reader], readersEncryptQueryResults: true })).Statement.find((s) => s.Sid === KEY_POLICY_SIDS.readersEncryptQueryResults);
        expect(statement).to.deep.equal({
            Sid: "AllowLogReadersEncryptQueryResultsViaS3",
            Effect: "Allow",
            Principal: { AWS: reader },
            Action: "kms:GenerateDataKey",
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
        });
        // Without readers there is no one to grant it to.
        expect(sids({ readersEncryptQueryResults: true })).not.to.include(KEY_POLICY_SIDS.readersEncryptQueryResults);
    });

    it("in central log-archive mode admits the management account's trails and the members' Config", () => {
        const archive = { organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777" };
        const policy = buildKeyPolicy(inputs(archive)).Statement;
        expect(policy.find((s) => s.Sid === KEY_POLICY_SIDS.organizationTrailEncrypt)?.Condition?.StringLike).to.deep.equal({
            "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:777777777777:trail/*",
        });
        expect(policy.find((s) => s.Sid === KEY_POLICY_SIDS.organizationConfigEncrypt)).to.deep.equal({
            Sid: "AllowOrganizationConfigEncryptDeliveries",
            Effect: "Allow",
            Principal: { Service: "config.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" } },
        });
        const listed = buildKeyPolicy(inputs({ ...archive, sourceAccountIds: ["888888888888", "123456789012"] })).Statement.find((s) => s.Sid === KEY_POLICY_SIDS.organizationConfigEncrypt);
        expect(listed?.Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": ["777777777777", "888888888888"] } });
        expect(sids({ organizationId: "o-a1b2c3d4e5" })).not.to.include(KEY_POLICY_SIDS.organizationConfigEncrypt);
    });
});
