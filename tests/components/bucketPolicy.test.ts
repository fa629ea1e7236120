import { expect } from "chai";
import { BUCKET_POLICY_SIDS, BucketPolicyInputs, FIREHOSE_WRITER_ACTIONS, READER_DENIED_ACTIONS, buildBucketPolicy, readablePrefixes } from "../../components/bucketPolicy";
import { DEFAULT_PREFIXES } from "../../components/prefixes";
import type { PolicyStatement } from "../../components/policyDocument";

const BUCKET = "network-compliance-logs-123456789012-us-east-1";
const ARN = `arn:aws:s3:::${BUCKET}`;
const TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/main";

function inputs(overrides: Partial<BucketPolicyInputs> = {}): BucketPolicyInputs {
    return {
        partition: "aws",
        accountId: "123456789012",
        bucketName: BUCKET,
        prefixes: DEFAULT_PREFIXES,
        cloudTrailArns: [],
        readerArns: [],
        sessionManagerWriterArns: [],
        securityHubWriterArns: [],
        ...overrides,
    };
}

function statement(sid: string, overrides: Partial<BucketPolicyInputs> = {}): PolicyStatement {
    const found = buildBucketPolicy(inputs(overrides)).Statement.find((s) => s.Sid === sid);
    if (!found) {
        throw new Error(`no statement ${sid}`);
    }
    return found;
}

describe("the bucket policy builder", () => {
    it("denies every request over plain HTTP, on the bucket and its objects", () => {
        expect(statement(BUCKET_POLICY_SIDS.denyInsecureTransport)).to.deep.equal({
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [ARN, `${ARN}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
    });

    it("denies TLS older than 1.2 and deletion of object versions", () => {
        expect(statement(BUCKET_POLICY_SIDS.denyOutdatedTls).Condition).to.deep.equal({ NumericLessThan: { "s3:TlsVersion": "1.2" } });
        expect(statement(BUCKET_POLICY_SIDS.denyLogVersionDeletion)).to.include({ Effect: "Deny", Action: "s3:DeleteObjectVersion", Resource: `${ARN}/*` });
    });

    it("lets CloudTrail write only under cloudtrail-logs/AWSLogs/<account>/ with the owner ACL, from the account's trails", () => {
        const write = statement(BUCKET_POLICY_SIDS.cloudTrailWrite);
        expect(write.Resource).to.equal(`${ARN}/cloudtrail-logs/AWSLogs/123456789012/*`);
        expect(write.Condition).to.deep.equal({
            ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" },
            StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" },
        });
        expect(statement(BUCKET_POLICY_SIDS.cloudTrailAclCheck)).to.deep.include({ Action: "s3:GetBucketAcl", Resource: ARN });
    });

    it("scopes CloudTrail to the named trails exactly when trails are given", () => {
        expect(statement(BUCKET_POLICY_SIDS.cloudTrailWrite, { cloudTrailArns: [TRAIL] }).Condition).to.deep.equal({
            StringEquals: { "aws:SourceArn": TRAIL, "s3:x-amz-acl": "bucket-owner-full-control" },
        });
    });

    it("adds the organization trail form only with an organization id, keeping named trails", () => {
        expect(buildBucketPolicy(inputs()).Statement.map((s) => s.Sid)).not.to.include(BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite);
        const org = statement(BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite, { organizationId: "o-a1b2c3d4e5", cloudTrailArns: [TRAIL] });
        expect(org.Resource).to.equal(`${ARN}/cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/*`);
        expect(org.Condition).to.deep.equal({
            StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5", "aws:SourceArn": TRAIL, "s3:x-amz-acl": "bucket-owner-full-control" },
        });
        expect(statement(BUCKET_POLICY_SIDS.cloudTrailOrganizationAclCheck, { organizationId: "o-a1b2c3d4e5" }).Condition).to.deep.equal({
            StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" },
        });
    });

    it("gives Config its three calls scoped to the account, writes under config-logs/AWSLogs/<account>/Config/", () => {
        const scoped = { StringEquals: { "aws:SourceAccount": "123456789012" } };
        expect(statement(BUCKET_POLICY_SIDS.configAclCheck)).to.deep.include({ Action: "s3:GetBucketAcl", Resource: ARN, Condition: scoped });
        expect(statement(BUCKET_POLICY_SIDS.configExistenceCheck)).to.deep.include({ Action: "s3:ListBucket", Resource: ARN, Condition: scoped });
        const write = statement(BUCKET_POLICY_SIDS.configWrite);
        expect(write.Resource).to.equal(`${ARN}/config-logs/AWSLogs/123456789012/Config/*`);
        expect(write.Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": "123456789012", "s3:x-amz-acl": "bucket-owner-full-control" } });
    });

    it("confines Session Manager and Security Hub writers to their prefixes, only when named", () => {
        const base = buildBucketPolicy(inputs()).Statement.map((s) => s.Sid);
        expect(base).not.to.include.members([BUCKET_POLICY_SIDS.sessionManagerWrite, BUCKET_POLICY_SIDS.securityHubWrite]);
        const ssm = "arn:aws:iam::123456789012:role/ssm";
        const firehose = "arn:aws:iam::123456789012:role/firehose";
        const overrides = { sessionManagerWriterArns: [ssm], securityHubWriterArns: [firehose] };
        expect(statement(BUCKET_POLICY_SIDS.sessionManagerWrite, overrides)).to.deep.include({ Principal: { AWS: ssm }, Action: "s3:PutObject", Resource: `${ARN}/ssm-logs/*` });
        expect(statement(BUCKET_POLICY_SIDS.sessionManagerEncryptionCheck, overrides)).to.deep.include({ Action: "s3:GetEncryptionConfiguration", Resource: ARN });
        expect(statement(BUCKET_POLICY_SIDS.securityHubWrite, overrides)).to.deep.include({ Principal: { AWS: firehose }, Resource: `${ARN}/securityhub-findings/*` });
    });

    it("lets readers get and list only the enabled log prefixes", () => {
        const readers = ["arn:aws:iam::123456789012:role/a", "arn:aws:iam::123456789012:role/b"];
        const overrides = { readerArns: readers, sessionManagerWriterArns: ["arn:aws:iam::123456789012:role/ssm"] };
        expect(statement(BUCKET_POLICY_SIDS.readersGet, overrides)).to.deep.equal({
            Sid: "LogReadersGet",
            Effect: "Allow",
            Principal: { AWS: readers },
            Action: ["s3:GetObject", "s3:GetObjectVersion"],
            Resource: [`${ARN}/cloudtrail-logs/*`, `${ARN}/config-logs/*`, `${ARN}/ssm-logs/*`],
        });
        expect(statement(BUCKET_POLICY_SIDS.readersList, overrides).Condition).to.deep.equal({ StringLike: { "s3:prefix": ["cloudtrail-logs/*", "config-logs/*", "ssm-logs/*"] } });
        expect(readablePrefixes(inputs())).to.deep.equal(["cloudtrail-logs/", "config-logs/"]);
    });

    it("adds no reader statements without readers, and lets readers read Security Hub findings when it delivers", () => {
        expect(buildBucketPolicy(inputs()).Statement.map((s) => s.Sid).filter((sid) => /Reader/.test(sid))).to.deep.equal([]);
        expect(readablePrefixes(inputs({ securityHubWriterArns: ["arn:aws:iam::123456789012:role/firehose"] }))).to.deep.equal(["cloudtrail-logs/", "config-logs/", "securityhub-findings/"]);
    });

    it("writes the whole policy of a stack with every feature, statement by statement", () => {
        const ssm = "arn:aws:iam::123456789012:role/ssm";
        const firehose = "arn:aws:iam::123456789012:role/firehose";
        const reader = "arn:aws:iam::123456789012:role/reader";
        const document = buildBucketPolicy(inputs({ cloudTrailArns: [TRAIL], organizationId: "o-a1b2c3d4e5", readerArns: [reader], sessionManagerWriterArns: [ssm], securityHubWriterArns: [firehose] }));
        const cloudTrail = { Service: "cloudtrail.amazonaws.com" };
        const config = { Service: "config.amazonaws.com" };
        const account = { StringEquals: { "aws:SourceAccount": "123456789012" } };
        const org = { "aws:SourceOrgID": "o-a1b2c3d4e5", "aws:SourceArn": TRAIL };
        const acl = { "s3:x-amz-acl": "bucket-owner-full-control" };
        expect(document).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                { Sid: "DenyOutdatedTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
                { Sid: "DenyLogVersionDeletion", Effect: "Deny", Principal: "*", Action: "s3:DeleteObjectVersion", Resource: `${ARN}/*` },
                { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: cloudTrail, Action: "s3:GetBucketAcl", Resource: ARN, Condition: { StringEquals: { "aws:SourceArn": TRAIL } } },
                { Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: cloudTrail, Action: "s3:PutObject", Resource: `${ARN}/cloudtrail-logs/AWSLogs/123456789012/*`, Condition: { StringEquals: { "aws:SourceArn": TRAIL, ...acl } } },
                { Sid: "AWSCloudTrailOrganizationAclCheck", Effect: "Allow", Principal: cloudTrail, Action: "s3:GetBucketAcl", Resource: ARN, Condition: { StringEquals: org } },
                { Sid: "AWSCloudTrailOrganizationWrite", Effect: "Allow", Principal: cloudTrail, Action: "s3:PutObject", Resource: `${ARN}/cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/*`, Condition: { StringEquals: { ...org, ...acl } } },
                { Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: config, Action: "s3:GetBucketAcl", Resource: ARN, Condition: account },
                { Sid: "AWSConfigBucketExistenceCheck", Effect: "Allow", Principal: config, Action: "s3:ListBucket", Resource: ARN, Condition: account },
                { Sid: "AWSConfigBucketDelivery", Effect: "Allow", Principal: config, Action: "s3:PutObject", Resource: `${ARN}/config-logs/AWSLogs/123456789012/Config/*`, Condition: { StringEquals: { "aws:SourceAccount": "123456789012", ...acl } } },
                { Sid: "SessionManagerEncryptionCheck", Effect: "Allow", Principal: { AWS: ssm }, Action: "s3:GetEncryptionConfiguration", Resource: ARN },
                { Sid: "SessionManagerWrite", Effect: "Allow", Principal: { AWS: ssm }, Action: "s3:PutObject", Resource: `${ARN}/ssm-logs/*` },
                { Sid: "DenySessionManagerWritesOutsidePrefix", Effect: "Deny", Principal: { AWS: ssm }, Action: "s3:PutObject", NotResource: `${ARN}/ssm-logs/*` },
                { Sid: "SecurityHubFindingsBucketCheck", Effect: "Allow", Principal: { AWS: firehose }, Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"], Resource: ARN },
                { Sid: "SecurityHubFindingsWrite", Effect: "Allow", Principal: { AWS: firehose }, Action: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject"], Resource: `${ARN}/securityhub-findings/*` },
                { Sid: "DenySecurityHubWritesOutsidePrefix", Effect: "Deny", Principal: { AWS: firehose }, Action: "s3:PutObject", NotResource: `${ARN}/securityhub-findings/*` },
                {
                    Sid: "LogReadersList",
                    Effect: "Allow",
                    Principal: { AWS: reader },
                    Action: "s3:ListBucket",
                    Resource: ARN,
                    Condition: { StringLike: { "s3:prefix": ["cloudtrail-logs/*", "config-logs/*", "ssm-logs/*", "securityhub-findings/*"] } },
                },
                {
                    Sid: "LogReadersGet",
                    Effect: "Allow",
                    Principal: { AWS: reader },
                    Action: ["s3:GetObject", "s3:GetObjectVersion"],
                    Resource: ["cloudtrail-logs/*", "config-logs/*", "ssm-logs/*", "securityhub-findings/*"].map((prefix) => `${ARN}/${prefix}`),
                },
                { Sid: "DenyLogReadersChanges", Effect: "Deny", Principal: { AWS: reader }, Action: READER_DENIED_ACTIONS, Resource: [ARN, `${ARN}/*`] },
            ],
        });
        expect(READER_DENIED_ACTIONS).to.include.members(["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutBucketPolicy", "s3:PutLifecycleConfiguration"]);
    });

    it("follows custom prefixes and other partitions", () => {
        const custom = statement(BUCKET_POLICY_SIDS.cloudTrailWrite, { partition: "aws-cn", prefixes: { ...DEFAULT_PREFIXES, cloudTrail: "trail/" } });
        expect(custom.Resource).to.equal(`arn:aws-cn:s3:::${BUCKET}/trail/AWSLogs/123456789012/*`);
    });

    it("drops the version-delete deny with allowDeletion, and keeps every other statement", () => {
        const kept = buildBucketPolicy(inputs()).Statement.map((s) => s.Sid);
        const deletable = buildBucketPolicy(inputs({ allowDeletion: true })).Statement.map((s) => s.Sid);
        expect(kept).to.include(BUCKET_POLICY_SIDS.denyLogVersionDeletion);
        expect(deletable).to.deep.equal(kept.filter((sid) => sid !== BUCKET_POLICY_SIDS.denyLogVersionDeletion));
    });

    const MEMBER_SSM = "arn:aws:iam::888888888888:role/ssm";
    const MEMBER_FIREHOSE = "arn:aws:iam::888888888888:role/firehose";
    const LOG_ARCHIVE = { organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777" };

    it("in central log-archive mode admits the management account's organization trail and every member's Config by organization", () => {
        const trail = statement(BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite, LOG_ARCHIVE);
        expect(trail.Resource).to.equal(`${ARN}/cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/*`);
        expect(trail.Condition).to.deep.equal({
            StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5", "s3:x-amz-acl": "bucket-owner-full-control" },
            ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:777777777777:trail/*" },
        });
        const org = { StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" } };
        expect(statement(BUCKET_POLICY_SIDS.configOrganizationAclCheck, LOG_ARCHIVE)).to.deep.include({ Principal: { Service: "config.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: ARN, Condition: org });
        expect(statement(BUCKET_POLICY_SIDS.configOrganizationExistenceCheck, LOG_ARCHIVE)).to.deep.include({ Action: "s3:ListBucket", Resource: ARN, Condition: org });
        expect(statement(BUCKET_POLICY_SIDS.configOrganizationWrite, LOG_ARCHIVE)).to.deep.include({
            Action: "s3:PutObject",
            Resource: `${ARN}/config-logs/AWSLogs/*/Config/*`,
            Condition: { StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5", "s3:x-amz-acl": "bucket-owner-full-control" } },
        });
    });

    it("with sourceAccountIds admits exactly those accounts, the management account and this one", () => {
        const listed = { ...LOG_ARCHIVE, sourceAccountIds: ["888888888888", "777777777777"] };
        expect(statement(BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite, listed).Resource).to.deep.equal(
            ["123456789012", "777777777777", "888888888888"].map((account) => `${ARN}/cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/${account}/*`),
        );
        const write = statement(BUCKET_POLICY_SIDS.configOrganizationWrite, listed);
        expect(write.Resource).to.deep.equal([`${ARN}/config-logs/AWSLogs/777777777777/Config/*`, `${ARN}/config-logs/AWSLogs/888888888888/Config/*`]);
        expect(write.Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": ["777777777777", "888888888888"], "s3:x-amz-acl": "bucket-owner-full-control" } });
        expect(statement(BUCKET_POLICY_SIDS.configOrganizationAclCheck, listed).Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": ["777777777777", "888888888888"] } });
    });

    it("adds no member Config grant outside central log-archive mode", () => {
        for (const overrides of [{}, { organizationId: "o-a1b2c3d4e5" }]) {
            const sids = buildBucketPolicy(inputs(overrides)).Statement.map((s) => s.Sid);
            expect(sids.filter((sid) => /Organization.*Bucket/.test(sid)), JSON.stringify(overrides)).to.deep.equal([]);
        }
    });

    it("gives a member account's Firehose role exactly Firehose's six actions, and its Session Manager role the agent's two", () => {
        const overrides = { ...LOG_ARCHIVE, sessionManagerWriterArns: [MEMBER_SSM], securityHubWriterArns: [MEMBER_FIREHOSE] };
        const granted = (sids: string[]) =>
            buildBucketPolicy(inputs(overrides))
                .Statement.filter((s) => sids.includes(s.Sid))
                .flatMap((s) => [s.Action].flat());
        expect(granted([BUCKET_POLICY_SIDS.securityHubBucketCheck, BUCKET_POLICY_SIDS.securityHubWrite]).sort()).to.deep.equal(
            ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"].sort(),
        );
        expect([...FIREHOSE_WRITER_ACTIONS.bucket, ...FIREHOSE_WRITER_ACTIONS.objects]).to.have.length(6);
        expect(granted([BUCKET_POLICY_SIDS.sessionManagerEncryptionCheck, BUCKET_POLICY_SIDS.sessionManagerWrite]).sort()).to.deep.equal(["s3:GetEncryptionConfiguration", "s3:PutObject"]);
        expect(statement(BUCKET_POLICY_SIDS.securityHubWrite, overrides).Resource).to.equal(`${ARN}/securityhub-findings/*`);
        expect(statement(BUCKET_POLICY_SIDS.securityHubWritesOutsidePrefix, overrides)).to.deep.include({ Effect: "Deny", NotResource: `${ARN}/securityhub-findings/*` });
    });

    it("never writes a Deny that names the bucket's own account, whatever it is given", () => {
        const roots = ["arn:aws:iam::123456789012:root", "123456789012"];
        for (const root of roots) {
            for (const field of ["readerArns", "sessionManagerWriterArns", "securityHubWriterArns"] as const) {
                expect(() => buildBucketPolicy(inputs({ [field]: [root] })), `${field} ${root}`).to.throw(/would deny the whole account 123456789012, locking the owner out/);
            }
        }
        const full = buildBucketPolicy(inputs({ ...LOG_ARCHIVE, readerArns: ["arn:aws:iam::123456789012:role/r"], sessionManagerWriterArns: [MEMBER_SSM], securityHubWriterArns: [MEMBER_FIREHOSE] }));
        const denied = full.Statement.filter((s) => s.Effect === "Deny").flatMap((s) => (s.Principal === "*" ? [] : [s.Principal.AWS ?? []].flat()));
        expect(denied.length).to.be.greaterThan(0);
        expect(denied.filter((principal) => principal.endsWith(":root") || principal === "123456789012")).to.deep.equal([]);
    });
});
