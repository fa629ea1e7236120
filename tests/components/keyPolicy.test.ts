import { expect } from "chai";
import { KEY_POLICY_SIDS, KeyPolicyInputs, buildKeyPolicy } from "../../components/keyPolicy";
import type { PolicyStatement } from "../../components/policyDocument";

const ORG = "o-a1b2c3d4e5";
const MANAGEMENT = "777777777777";
const TRAIL = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/main";
const ORG_TRAIL = `arn:aws:cloudtrail:eu-west-1:${MANAGEMENT}:trail/organization-trail`;
const CLOUDTRAIL = { Service: "cloudtrail.amazonaws.com" };
const CONFIG = { Service: "config.amazonaws.com" };
const VIA_S3 = { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } };

function inputs(overrides: Partial<KeyPolicyInputs> = {}): KeyPolicyInputs {
    return { partition: "aws", accountId: "123456789012", region: "eu-west-1", cloudTrailArns: [], readerArns: [], writerArns: [], ...overrides };
}

function statements(overrides: Partial<KeyPolicyInputs> = {}): PolicyStatement[] {
    return buildKeyPolicy(inputs(overrides)).Statement;
}

function sids(overrides: Partial<KeyPolicyInputs> = {}): string[] {
    return statements(overrides).map((statement) => statement.Sid);
}

const ADMINISTRATION: PolicyStatement = { Sid: "EnableAccountAdministration", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" };
const OWN_CONFIG: PolicyStatement = {
    Sid: "AllowConfigEncryptDeliveries",
    Effect: "Allow",
    Principal: CONFIG,
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
};

/** CloudTrail's three statements for the given source condition and encryption-context trails. */
function trailStatements(prefix: "Cloud" | "Organization", source: PolicyStatement["Condition"], contextTrails: string | string[]): PolicyStatement[] {
    return [
        { Sid: `Allow${prefix}TrailEncryptLogs`, Effect: "Allow", Principal: CLOUDTRAIL, Action: "kms:GenerateDataKey*", Resource: "*", Condition: { ...source, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": contextTrails } } },
        { Sid: `Allow${prefix}TrailDecryptWithBucketKey`, Effect: "Allow", Principal: CLOUDTRAIL, Action: "kms:Decrypt", Resource: "*", Condition: source },
        { Sid: `Allow${prefix}TrailDescribeKey`, Effect: "Allow", Principal: CLOUDTRAIL, Action: "kms:DescribeKey", Resource: "*", Condition: source },
    ];
}

describe("the key policy builder", () => {
    it("keeps the account's administration of the key through IAM", () => {
        expect(statements()[0]).to.deep.equal(ADMINISTRATION);
    });

    it("writes a single account's key policy with every trail of the account, statement by statement (AWS-CT-004, AWS-CT-005, AWS-CFG-002)", () => {
        const pattern = "arn:aws:cloudtrail:*:123456789012:trail/*";
        expect(buildKeyPolicy(inputs())).to.deep.equal({
            Version: "2012-10-17",
            Statement: [ADMINISTRATION, ...trailStatements("Cloud", { ArnLike: { "aws:SourceArn": pattern } }, pattern), OWN_CONFIG],
        });
    });

    it("lets CloudTrail decrypt with the bucket's Bucket Key, scoped by aws:SourceArn and never by the trail's encryption context (AWS-CT-005, AWS-KMS-001)", () => {
        const decrypt = statements({ cloudTrailArns: [TRAIL] }).find((s) => s.Sid === KEY_POLICY_SIDS.cloudTrailDecrypt);
        expect(decrypt).to.deep.equal({ Sid: "AllowCloudTrailDecryptWithBucketKey", Effect: "Allow", Principal: CLOUDTRAIL, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:SourceArn": TRAIL } } });
        expect(JSON.stringify(decrypt)).not.to.include("EncryptionContext");
    });

    it("writes the whole key policy of a stack with every feature, statement by statement", () => {
        const reader = "arn:aws:iam::123456789012:role/r";
        const writers = ["arn:aws:iam::123456789012:role/ssm", "arn:aws:iam::123456789012:role/firehose"];
        expect(buildKeyPolicy(inputs({ cloudTrailArns: [TRAIL], organizationId: ORG, readerArns: [reader], writerArns: writers, readersEncryptQueryResults: true }))).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                ADMINISTRATION,
                // organizationId alone: the organization trail is this account's named trail, admitted here once.
                ...trailStatements("Cloud", { StringEquals: { "aws:SourceArn": TRAIL } }, TRAIL),
                OWN_CONFIG,
                { Sid: "AllowLogReadersDecryptViaS3", Effect: "Allow", Principal: { AWS: reader }, Action: "kms:Decrypt", Resource: "*", Condition: VIA_S3 },
                { Sid: "AllowLogReadersEncryptQueryResultsViaS3", Effect: "Allow", Principal: { AWS: reader }, Action: "kms:GenerateDataKey", Resource: "*", Condition: VIA_S3 },
                { Sid: "AllowLogWritersEncryptViaS3", Effect: "Allow", Principal: { AWS: writers }, Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: "*", Condition: VIA_S3 },
            ],
        });
    });

    it("in central log-archive mode admits the management account's trails with the organization, and the members' Config by organization", () => {
        const archive = { organizationId: ORG, managementAccountId: MANAGEMENT };
        const own = "arn:aws:cloudtrail:*:123456789012:trail/*";
        const management = `arn:aws:cloudtrail:*:${MANAGEMENT}:trail/*`;
        expect(buildKeyPolicy(inputs(archive)).Statement).to.deep.equal([
            ADMINISTRATION,
            ...trailStatements("Cloud", { ArnLike: { "aws:SourceArn": own } }, own),
            ...trailStatements("Organization", { ArnLike: { "aws:SourceArn": management }, StringEquals: { "aws:SourceOrgID": ORG } }, management),
            OWN_CONFIG,
            { Sid: "AllowOrganizationConfigEncryptDeliveries", Effect: "Allow", Principal: CONFIG, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: { StringEquals: { "aws:SourceOrgID": ORG } } },
        ]);
    });

    it("admits only the named trails of each account, and no account whose trails are not named", () => {
        const archive = { organizationId: ORG, managementAccountId: MANAGEMENT };
        const both = statements({ ...archive, cloudTrailArns: [TRAIL, ORG_TRAIL] });
        expect(both.find((s) => s.Sid === KEY_POLICY_SIDS.organizationTrailDecrypt)?.Condition).to.deep.equal({ StringEquals: { "aws:SourceArn": ORG_TRAIL, "aws:SourceOrgID": ORG } });
        expect(both.find((s) => s.Sid === KEY_POLICY_SIDS.cloudTrailEncrypt)?.Condition).to.deep.equal({
            StringEquals: { "aws:SourceArn": TRAIL },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": TRAIL },
        });
        expect(sids({ ...archive, cloudTrailArns: [ORG_TRAIL] }).filter((sid) => /Trail/.test(sid))).to.deep.equal([
            "AllowOrganizationTrailEncryptLogs",
            "AllowOrganizationTrailDecryptWithBucketKey",
            "AllowOrganizationTrailDescribeKey",
        ]);
        expect(sids({ ...archive, cloudTrailArns: [TRAIL] }).filter((sid) => /Trail/.test(sid))).to.deep.equal(["AllowCloudTrailEncryptLogs", "AllowCloudTrailDecryptWithBucketKey", "AllowCloudTrailDescribeKey"]);
        expect(sids({ organizationId: ORG }).filter((sid) => /Organization/.test(sid))).to.deep.equal([]);
    });

    it("scopes the members' Config by the account list or by organizational units (AWS-IAM-003)", () => {
        const archive = { organizationId: ORG, managementAccountId: MANAGEMENT };
        const config = (overrides: Partial<KeyPolicyInputs>) => statements({ ...archive, ...overrides }).find((s) => s.Sid === KEY_POLICY_SIDS.organizationConfigEncrypt)?.Condition;
        expect(config({ sourceAccountIds: ["888888888888", "123456789012"] })).to.deep.equal({ StringEquals: { "aws:SourceAccount": [MANAGEMENT, "888888888888"] } });
        expect(config({ sourceOrgPaths: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"] })).to.deep.equal({
            StringEquals: { "aws:SourceOrgID": ORG },
            "ForAnyValue:StringLike": { "aws:SourceOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" },
        });
        expect(sids({ organizationId: ORG })).not.to.include(KEY_POLICY_SIDS.organizationConfigEncrypt);
    });

    it("with configDelivery false writes no Config statement, and keeps every other one", () => {
        const archive = { organizationId: ORG, managementAccountId: MANAGEMENT, readerArns: ["arn:aws:iam::123456789012:role/r"] };
        const kept = sids(archive);
        expect(kept.filter((sid) => /Config/.test(sid))).to.deep.equal(["AllowConfigEncryptDeliveries", "AllowOrganizationConfigEncryptDeliveries"]);
        expect(sids({ ...archive, configDelivery: false })).to.deep.equal(kept.filter((sid) => !/Config/.test(sid)));
        expect(sids({ ...archive, configDelivery: true })).to.deep.equal(kept);
    });

    it("adds reader and writer statements only when they have principals", () => {
        expect(sids()).to.deep.equal(["EnableAccountAdministration", "AllowCloudTrailEncryptLogs", "AllowCloudTrailDecryptWithBucketKey", "AllowCloudTrailDescribeKey", "AllowConfigEncryptDeliveries"]);
        expect(sids({ writerArns: ["arn:aws:iam::123456789012:role/w"] }).slice(-1)).to.deep.equal([KEY_POLICY_SIDS.writersEncrypt]);
        expect(sids({ readerArns: ["arn:aws:iam::123456789012:role/r"] }).slice(-1)).to.deep.equal([KEY_POLICY_SIDS.readersDecrypt]);
    });

    it("names the S3 endpoint of the bucket's partition in kms:ViaService: amazonaws.com.cn in China", () => {
        const viaS3 = (partition: string, region: string) =>
            buildKeyPolicy(inputs({ partition, region, readerArns: [`arn:${partition}:iam::123456789012:role/r`], writerArns: [`arn:${partition}:iam::123456789012:role/w`] }))
                .Statement.filter((s) => s.Sid === KEY_POLICY_SIDS.readersDecrypt || s.Sid === KEY_POLICY_SIDS.writersEncrypt)
                .map((s) => s.Condition?.StringEquals["kms:ViaService"]);
        expect(viaS3("aws-cn", "cn-north-1")).to.deep.equal(["s3.cn-north-1.amazonaws.com.cn", "s3.cn-north-1.amazonaws.com.cn"]);
        expect(viaS3("aws-cn", "cn-northwest-1")).to.deep.equal(["s3.cn-northwest-1.amazonaws.com.cn", "s3.cn-northwest-1.amazonaws.com.cn"]);
        expect(viaS3("aws-us-gov", "us-gov-west-1")).to.deep.equal(["s3.us-gov-west-1.amazonaws.com", "s3.us-gov-west-1.amazonaws.com"]);
        expect(statements({ partition: "aws-cn", region: "cn-north-1" })[1].Condition).to.deep.equal({
            ArnLike: { "aws:SourceArn": "arn:aws-cn:cloudtrail:*:123456789012:trail/*" },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws-cn:cloudtrail:*:123456789012:trail/*" },
        });
    });

    it("lets readers generate data keys through S3 for query results only when asked", () => {
        const reader = "arn:aws:iam::123456789012:role/r";
        expect(sids({ readerArns: [reader] })).not.to.include(KEY_POLICY_SIDS.readersEncryptQueryResults);
        expect(sids({ readerArns: [reader], readersEncryptQueryResults: false })).not.to.include(KEY_POLICY_SIDS.readersEncryptQueryResults);
        // Without readers there is no one to grant it to.
        expect(sids({ readersEncryptQueryResults: true })).not.to.include(KEY_POLICY_SIDS.readersEncryptQueryResults);
    });
});
