import { expect } from "chai";
import { BUCKET_POLICY_SIDS, BucketPolicyInputs, FIREHOSE_WRITER_ACTIONS, READER_KEPT_ACTIONS, SESSION_MANAGER_WRITER_ACTIONS, buildBucketPolicy, readablePrefixes } from "../../components/bucketPolicy";
import { DEFAULT_PREFIXES } from "../../components/prefixes";
import type { PolicyStatement } from "../../components/policyDocument";

const BUCKET = "network-compliance-logs-123456789012-us-east-1";
const ARN = `arn:aws:s3:::${BUCKET}`;
const TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/main";
const ORG = "o-a1b2c3d4e5";
const MANAGEMENT = "777777777777";
const ORG_TRAIL = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/organization-trail`;
const CLOUDTRAIL = { Service: "cloudtrail.amazonaws.com" };
const CONFIG = { Service: "config.amazonaws.com" };
const ACL = { "s3:x-amz-acl": "bucket-owner-full-control" };
const BOTH = [ARN, `${ARN}/*`];

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

function statements(overrides: Partial<BucketPolicyInputs> = {}): PolicyStatement[] {
    return buildBucketPolicy(inputs(overrides)).Statement;
}

function statement(sid: string, overrides: Partial<BucketPolicyInputs> = {}): PolicyStatement {
    const found = statements(overrides).find((s) => s.Sid === sid);
    if (!found) {
        throw new Error(`no statement ${sid}`);
    }
    return found;
}

function sids(overrides: Partial<BucketPolicyInputs> = {}): string[] {
    return statements(overrides).map((s) => s.Sid);
}

/** The statements every policy starts with: TLS only, and no version deletes. */
const HARDENING: PolicyStatement[] = [
    { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: BOTH, Condition: { Bool: { "aws:SecureTransport": "false" } } },
    { Sid: "DenyOutdatedTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: BOTH, Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
    { Sid: "DenyLogVersionDeletion", Effect: "Deny", Principal: "*", Action: "s3:DeleteObjectVersion", Resource: `${ARN}/*` },
];

/** This account's Config, as the Config guide writes it (AWS-CFG-001). */
const OWN_CONFIG: PolicyStatement[] = [
    { Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: CONFIG, Action: "s3:GetBucketAcl", Resource: ARN, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
    { Sid: "AWSConfigBucketExistenceCheck", Effect: "Allow", Principal: CONFIG, Action: "s3:ListBucket", Resource: ARN, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
    {
        Sid: "AWSConfigBucketDelivery",
        Effect: "Allow",
        Principal: CONFIG,
        Action: "s3:PutObject",
        Resource: `${ARN}/config-logs/AWSLogs/123456789012/Config/*`,
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012", ...ACL } },
    },
];

function readerStatements(reader: string | string[], prefixes: string[]): PolicyStatement[] {
    const principal = { AWS: reader };
    const patterns = prefixes.map((prefix) => `${prefix}*`);
    return [
        { Sid: "LogReadersList", Effect: "Allow", Principal: principal, Action: "s3:ListBucket", Resource: ARN, Condition: { StringLike: { "s3:prefix": patterns } } },
        { Sid: "LogReadersGet", Effect: "Allow", Principal: principal, Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: patterns.map((p) => `${ARN}/${p}`) },
        { Sid: "DenyLogReadersAllButReads", Effect: "Deny", Principal: principal, NotAction: ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation"], Resource: BOTH },
        { Sid: "DenyLogReadersReadsOutsideLogs", Effect: "Deny", Principal: principal, Action: ["s3:GetObject", "s3:GetObjectVersion"], NotResource: patterns.map((p) => `${ARN}/${p}`) },
        { Sid: "DenyLogReadersListOutsideLogs", Effect: "Deny", Principal: principal, Action: "s3:ListBucket", Resource: ARN, Condition: { StringNotLike: { "s3:prefix": patterns } } },
    ];
}

function sessionManagerStatements(writer: string): PolicyStatement[] {
    const principal = { AWS: writer };
    return [
        { Sid: "SessionManagerEncryptionCheck", Effect: "Allow", Principal: principal, Action: "s3:GetEncryptionConfiguration", Resource: ARN },
        { Sid: "SessionManagerWrite", Effect: "Allow", Principal: principal, Action: "s3:PutObject", Resource: `${ARN}/ssm-logs/*` },
        { Sid: "DenySessionManagerObjectCallsOutsidePrefix", Effect: "Deny", Principal: principal, Action: "s3:PutObject", NotResource: `${ARN}/ssm-logs/*` },
        { Sid: "DenySessionManagerOtherCalls", Effect: "Deny", Principal: principal, NotAction: ["s3:GetEncryptionConfiguration", "s3:PutObject"], Resource: BOTH },
    ];
}

function securityHubStatements(writer: string): PolicyStatement[] {
    const principal = { AWS: writer };
    return [
        { Sid: "SecurityHubFindingsBucketCheck", Effect: "Allow", Principal: principal, Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"], Resource: ARN },
        { Sid: "SecurityHubFindingsWrite", Effect: "Allow", Principal: principal, Action: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject"], Resource: `${ARN}/securityhub-findings/*` },
        {
            Sid: "DenySecurityHubObjectCallsOutsidePrefix",
            Effect: "Deny",
            Principal: principal,
            Action: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObjectAcl"],
            NotResource: `${ARN}/securityhub-findings/*`,
        },
        {
            Sid: "DenySecurityHubOtherCalls",
            Effect: "Deny",
            Principal: principal,
            NotAction: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObjectAcl"],
            Resource: BOTH,
        },
    ];
}

describe("the bucket policy builder", () => {
    it("denies every request over plain HTTP or TLS older than 1.2, and every version delete, on the bucket and its objects", () => {
        expect(statements().slice(0, 3)).to.deep.equal(HARDENING);
    });

    it("writes a single account's policy with named trails, readers and writers, statement by statement (AWS-CT-001, AWS-CT-002, AWS-CFG-001)", () => {
        const ssm = "arn:aws:iam::123456789012:role/ssm";
        const firehose = "arn:aws:iam::123456789012:role/firehose";
        const reader = "arn:aws:iam::123456789012:role/reader";
        expect(buildBucketPolicy(inputs({ cloudTrailArns: [TRAIL], readerArns: [reader], sessionManagerWriterArns: [ssm], securityHubWriterArns: [firehose] }))).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                ...HARDENING,
                { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: CLOUDTRAIL, Action: "s3:GetBucketAcl", Resource: ARN, Condition: { StringEquals: { "aws:SourceArn": TRAIL } } },
                { Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: CLOUDTRAIL, Action: "s3:PutObject", Resource: `${ARN}/cloudtrail-logs/AWSLogs/123456789012/*`, Condition: { StringEquals: { "aws:SourceArn": TRAIL, ...ACL } } },
                ...OWN_CONFIG,
                ...sessionManagerStatements(ssm),
                ...securityHubStatements(firehose),
                ...readerStatements(reader, ["cloudtrail-logs/", "config-logs/", "ssm-logs/", "securityhub-findings/"]),
            ],
        });
    });

    it("admits every trail of the account by pattern when no trail is named (AWS-CT-002)", () => {
        expect(statements().slice(3, 5)).to.deep.equal([
            { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: CLOUDTRAIL, Action: "s3:GetBucketAcl", Resource: ARN, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" } } },
            {
                Sid: "AWSCloudTrailWrite",
                Effect: "Allow",
                Principal: CLOUDTRAIL,
                Action: "s3:PutObject",
                Resource: `${ARN}/cloudtrail-logs/AWSLogs/123456789012/*`,
                Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" }, StringEquals: ACL },
            },
        ]);
        expect(sids()).to.deep.equal([...HARDENING.map((s) => s.Sid), "AWSCloudTrailAclCheck", "AWSCloudTrailWrite", ...OWN_CONFIG.map((s) => s.Sid)]);
    });

    it("with organizationId alone (this account is the management account) admits the organization path only from this account's trails (AWS-CT-003)", () => {
        const named = statements({ organizationId: ORG, cloudTrailArns: [TRAIL] });
        expect(named.filter((s) => /CloudTrail/.test(s.Sid))).to.deep.equal([
            { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: CLOUDTRAIL, Action: "s3:GetBucketAcl", Resource: ARN, Condition: { StringEquals: { "aws:SourceArn": TRAIL } } },
            { Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: CLOUDTRAIL, Action: "s3:PutObject", Resource: `${ARN}/cloudtrail-logs/AWSLogs/123456789012/*`, Condition: { StringEquals: { "aws:SourceArn": TRAIL, ...ACL } } },
            {
                Sid: "AWSCloudTrailOrganizationWrite",
                Effect: "Allow",
                Principal: CLOUDTRAIL,
                Action: "s3:PutObject",
                Resource: `${ARN}/cloudtrail-logs/AWSLogs/${ORG}/*`,
                Condition: { StringEquals: { "aws:SourceArn": TRAIL, "aws:SourceOrgID": ORG, ...ACL } },
            },
        ]);
        // Without named trails, this account's trails by pattern: never any trail of the organization.
        expect(statement(BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite, { organizationId: ORG }).Condition).to.deep.equal({
            ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" },
            StringEquals: { "aws:SourceOrgID": ORG, ...ACL },
        });
        expect(sids({ organizationId: ORG })).not.to.include(BUCKET_POLICY_SIDS.cloudTrailOrganizationAclCheck);
        expect(sids()).not.to.include(BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite);
    });

    const LOG_ARCHIVE = { organizationId: ORG, managementAccountId: MANAGEMENT };
    const MEMBER_SSM = "arn:aws:iam::888888888888:role/ssm";
    const MEMBER_FIREHOSE = "arn:aws:iam::888888888888:role/firehose";

    it("writes the central log-archive policy for the whole organization, statement by statement (AWS-CT-003, AWS-IAM-002)", () => {
        const reader = "arn:aws:iam::123456789012:role/reader";
        expect(buildBucketPolicy(inputs({ ...LOG_ARCHIVE, readerArns: [reader], sessionManagerWriterArns: [MEMBER_SSM], securityHubWriterArns: [MEMBER_FIREHOSE] }))).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                ...HARDENING,
                { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: CLOUDTRAIL, Action: "s3:GetBucketAcl", Resource: ARN, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" } } },
                {
                    Sid: "AWSCloudTrailWrite",
                    Effect: "Allow",
                    Principal: CLOUDTRAIL,
                    Action: "s3:PutObject",
                    Resource: `${ARN}/cloudtrail-logs/AWSLogs/123456789012/*`,
                    Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:123456789012:trail/*" }, StringEquals: ACL },
                },
                {
                    Sid: "AWSCloudTrailOrganizationAclCheck",
                    Effect: "Allow",
                    Principal: CLOUDTRAIL,
                    Action: "s3:GetBucketAcl",
                    Resource: ARN,
                    Condition: { ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${MANAGEMENT}:trail/*` }, StringEquals: { "aws:SourceOrgID": ORG } },
                },
                {
                    Sid: "AWSCloudTrailOrganizationWrite",
                    Effect: "Allow",
                    Principal: CLOUDTRAIL,
                    Action: "s3:PutObject",
                    // Every account of the organization, and the management account's own path (a trail turned back into an account trail).
                    Resource: [`${ARN}/cloudtrail-logs/AWSLogs/${ORG}/*`, `${ARN}/cloudtrail-logs/AWSLogs/${MANAGEMENT}/*`],
                    Condition: { ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${MANAGEMENT}:trail/*` }, StringEquals: { "aws:SourceOrgID": ORG, ...ACL } },
                },
                ...OWN_CONFIG,
                { Sid: "AWSConfigOrganizationBucketChecks", Effect: "Allow", Principal: CONFIG, Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: ARN, Condition: { StringEquals: { "aws:SourceOrgID": ORG } } },
                {
                    Sid: "AWSConfigOrganizationBucketDelivery",
                    Effect: "Allow",
                    Principal: CONFIG,
                    Action: "s3:PutObject",
                    // Each member's Config under its own account's path: the policy variable, not a list of accounts.
                    Resource: `${ARN}/config-logs/AWSLogs/\${aws:SourceAccount}/Config/*`,
                    Condition: { StringEquals: { "aws:SourceOrgID": ORG, ...ACL } },
                },
                ...sessionManagerStatements(MEMBER_SSM),
                ...securityHubStatements(MEMBER_FIREHOSE),
                ...readerStatements(reader, ["cloudtrail-logs/", "config-logs/", "ssm-logs/", "securityhub-findings/"]),
            ],
        });
    });

    it("admits the organization trail only from the management account's named trails, and this account's named ones for its own path", () => {
        const policy = statements({ ...LOG_ARCHIVE, cloudTrailArns: [TRAIL, ORG_TRAIL] });
        expect(policy.find((s) => s.Sid === BUCKET_POLICY_SIDS.cloudTrailWrite)?.Condition).to.deep.equal({ StringEquals: { "aws:SourceArn": TRAIL, ...ACL } });
        expect(policy.find((s) => s.Sid === BUCKET_POLICY_SIDS.cloudTrailOrganizationAclCheck)?.Condition).to.deep.equal({ StringEquals: { "aws:SourceArn": ORG_TRAIL, "aws:SourceOrgID": ORG } });
        expect(policy.find((s) => s.Sid === BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite)?.Condition).to.deep.equal({ StringEquals: { "aws:SourceArn": ORG_TRAIL, "aws:SourceOrgID": ORG, ...ACL } });
        // Only the management account's trails named: this account's own trails are not admitted.
        expect(sids({ ...LOG_ARCHIVE, cloudTrailArns: [ORG_TRAIL] }).filter((sid) => /CloudTrail/.test(sid))).to.deep.equal(["AWSCloudTrailOrganizationAclCheck", "AWSCloudTrailOrganizationWrite"]);
        // Only this account's trails named: no organization trail is admitted.
        expect(sids({ ...LOG_ARCHIVE, cloudTrailArns: [TRAIL] }).filter((sid) => /CloudTrail/.test(sid))).to.deep.equal(["AWSCloudTrailAclCheck", "AWSCloudTrailWrite"]);
    });

    it("never narrows the organization trail by sourceAccountIds: its size and paths are the same for 2 listed accounts and 1,000", () => {
        const few = statement(BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite, { ...LOG_ARCHIVE, sourceAccountIds: ["888888888888", "444455556666"] });
        const many = statement(BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite, { ...LOG_ARCHIVE, sourceAccountIds: Array.from({ length: 1000 }, (_, i) => String(100000000000 + i)) });
        expect(few).to.deep.equal(many);
        expect(few.Resource).to.deep.equal([`${ARN}/cloudtrail-logs/AWSLogs/${ORG}/*`, `${ARN}/cloudtrail-logs/AWSLogs/${MANAGEMENT}/*`]);
    });

    it("with sourceAccountIds scopes member Config by an account list in conditions only, never by paths (AWS-CFG-003)", () => {
        const listed = { ...LOG_ARCHIVE, sourceAccountIds: ["888888888888", MANAGEMENT, "123456789012"] };
        const members = { StringEquals: { "aws:SourceAccount": [MANAGEMENT, "888888888888"] } };
        expect(statement(BUCKET_POLICY_SIDS.configOrganizationChecks, listed).Condition).to.deep.equal(members);
        expect(statement(BUCKET_POLICY_SIDS.configOrganizationWrite, listed)).to.deep.equal({
            Sid: "AWSConfigOrganizationBucketDelivery",
            Effect: "Allow",
            Principal: CONFIG,
            Action: "s3:PutObject",
            Resource: `${ARN}/config-logs/AWSLogs/\${aws:SourceAccount}/Config/*`,
            Condition: { StringEquals: { "aws:SourceAccount": [MANAGEMENT, "888888888888"], ...ACL } },
        });
        // A list naming only this account admits no member at all.
        const onlyThis = sids({ organizationId: ORG, managementAccountId: "123456789012", sourceAccountIds: ["123456789012"] });
        expect(onlyThis).not.to.include.members([BUCKET_POLICY_SIDS.configOrganizationChecks, BUCKET_POLICY_SIDS.configOrganizationWrite]);
    });

    it("with sourceOrgPaths adds a ForAnyValue:StringLike on aws:SourceOrgPaths to member Config (AWS-IAM-003)", () => {
        const paths = ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*", "o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/*"];
        const expected = { StringEquals: { "aws:SourceOrgID": ORG }, "ForAnyValue:StringLike": { "aws:SourceOrgPaths": paths } };
        expect(statement(BUCKET_POLICY_SIDS.configOrganizationChecks, { ...LOG_ARCHIVE, sourceOrgPaths: paths }).Condition).to.deep.equal(expected);
        expect(statement(BUCKET_POLICY_SIDS.configOrganizationWrite, { ...LOG_ARCHIVE, sourceOrgPaths: [paths[0]] }).Condition).to.deep.equal({
            StringEquals: { "aws:SourceOrgID": ORG, ...ACL },
            "ForAnyValue:StringLike": { "aws:SourceOrgPaths": paths[0] },
        });
        expect(statement(BUCKET_POLICY_SIDS.configOrganizationWrite, { ...LOG_ARCHIVE, sourceOrgPaths: [] }).Condition).to.deep.equal({ StringEquals: { "aws:SourceOrgID": ORG, ...ACL } });
        // The organization trail's source is the management account's trail: sourceOrgPaths cannot scope it.
        expect(statement(BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite, { ...LOG_ARCHIVE, sourceOrgPaths: paths })).to.deep.equal(statement(BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite, LOG_ARCHIVE));
    });

    it("adds no member Config grant outside central log-archive mode", () => {
        for (const overrides of [{}, { organizationId: ORG }, { organizationId: ORG, sourceOrgPaths: ["o-a1b2c3d4e5/*"] }]) {
            expect(sids(overrides).filter((sid) => /ConfigOrganization/.test(sid)), JSON.stringify(overrides)).to.deep.equal([]);
        }
    });

    it("with configDelivery false writes no Config statement, and keeps every other one", () => {
        const full = { ...LOG_ARCHIVE, readerArns: ["arn:aws:iam::123456789012:role/r"] };
        const kept = sids(full);
        expect(kept.filter((sid) => /Config/.test(sid))).to.have.length(5);
        expect(sids({ ...full, configDelivery: false })).to.deep.equal(kept.filter((sid) => !/Config/.test(sid)));
        expect(sids({ ...full, configDelivery: true })).to.deep.equal(kept);
    });

    it("denies each reader everything but reads of the log prefixes, whatever its own IAM policies say (AWS-IAM-001, AWS-S3-002)", () => {
        const readers = ["arn:aws:iam::123456789012:role/a", "arn:aws:iam::333333333333:role/b"];
        expect(statements({ readerArns: readers }).slice(8)).to.deep.equal(readerStatements(readers, ["cloudtrail-logs/", "config-logs/"]));
        expect([...READER_KEPT_ACTIONS]).to.deep.equal(["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation"]);
        expect(readablePrefixes(inputs())).to.deep.equal(["cloudtrail-logs/", "config-logs/"]);
        expect(readablePrefixes(inputs({ securityHubWriterArns: ["arn:aws:iam::123456789012:role/firehose"] }))).to.deep.equal(["cloudtrail-logs/", "config-logs/", "securityhub-findings/"]);
        expect(readablePrefixes(inputs({ sessionManagerWriterArns: ["arn:aws:iam::123456789012:role/ssm"] }))).to.deep.equal(["cloudtrail-logs/", "config-logs/", "ssm-logs/"]);
        expect(sids().filter((sid) => /Reader/.test(sid))).to.deep.equal([]);
    });

    it("denies each writer every call but its service's, and its object calls outside its prefix (AWS-SSM-001, AWS-FH-001)", () => {
        const policy = statements({ sessionManagerWriterArns: [MEMBER_SSM], securityHubWriterArns: [MEMBER_FIREHOSE] });
        expect(policy.filter((s) => /SessionManager/.test(s.Sid))).to.deep.equal(sessionManagerStatements(MEMBER_SSM));
        expect(policy.filter((s) => /SecurityHub/.test(s.Sid))).to.deep.equal(securityHubStatements(MEMBER_FIREHOSE));
        expect(SESSION_MANAGER_WRITER_ACTIONS).to.deep.equal({ bucket: ["s3:GetEncryptionConfiguration"], objects: ["s3:PutObject"], sparedObjects: [] });
        expect(FIREHOSE_WRITER_ACTIONS).to.deep.equal({
            bucket: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
            objects: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject"],
            sparedObjects: ["s3:PutObjectAcl"],
        });
        expect(sids().filter((sid) => /SessionManager|SecurityHub/.test(sid))).to.deep.equal([]);
    });

    it("follows custom prefixes and other partitions", () => {
        const custom = statement(BUCKET_POLICY_SIDS.cloudTrailWrite, { partition: "aws-cn", prefixes: { ...DEFAULT_PREFIXES, cloudTrail: "trail/" } });
        expect(custom.Resource).to.equal(`arn:aws-cn:s3:::${BUCKET}/trail/AWSLogs/123456789012/*`);
        expect(custom.Condition).to.deep.equal({ ArnLike: { "aws:SourceArn": "arn:aws-cn:cloudtrail:*:123456789012:trail/*" }, StringEquals: ACL });
        const config = statement(BUCKET_POLICY_SIDS.configOrganizationWrite, { ...LOG_ARCHIVE, prefixes: { ...DEFAULT_PREFIXES, config: "cfg/" } });
        expect(config.Resource).to.equal(`${ARN}/cfg/AWSLogs/\${aws:SourceAccount}/Config/*`);
        expect(statement(BUCKET_POLICY_SIDS.cloudTrailOrganizationWrite, { ...LOG_ARCHIVE, prefixes: { ...DEFAULT_PREFIXES, cloudTrail: "ct/" } }).Resource).to.deep.equal([
            `${ARN}/ct/AWSLogs/${ORG}/*`,
            `${ARN}/ct/AWSLogs/${MANAGEMENT}/*`,
        ]);
    });

    it("drops the version-delete deny with allowDeletion, and keeps every other statement", () => {
        const kept = sids();
        expect(kept).to.include(BUCKET_POLICY_SIDS.denyLogVersionDeletion);
        expect(sids({ allowDeletion: true })).to.deep.equal(kept.filter((sid) => sid !== BUCKET_POLICY_SIDS.denyLogVersionDeletion));
        expect(sids({ allowDeletion: false })).to.deep.equal(kept);
    });

    it("never writes a Deny that names the bucket's own account, whatever it is given", () => {
        const roots = ["arn:aws:iam::123456789012:root", "123456789012"];
        for (const root of roots) {
            for (const field of ["readerArns", "sessionManagerWriterArns", "securityHubWriterArns"] as const) {
                expect(() => buildBucketPolicy(inputs({ [field]: [root] })), `${field} ${root}`).to.throw(/would deny the whole account 123456789012, locking the owner out/);
            }
        }
        expect(() => buildBucketPolicy(inputs({ readerArns: ["arn:aws-cn:iam::123456789012:root"], partition: "aws-cn" }))).to.throw(/DenyLogReadersAllButReads would deny the whole account/);
        const full = statements({ ...LOG_ARCHIVE, readerArns: ["arn:aws:iam::123456789012:role/r"], sessionManagerWriterArns: [MEMBER_SSM], securityHubWriterArns: [MEMBER_FIREHOSE] });
        const denied = full.filter((s) => s.Effect === "Deny").flatMap((s) => (s.Principal === "*" ? [] : [s.Principal.AWS ?? []].flat()));
        expect(denied).to.have.length(7);
        expect(denied.filter((principal) => principal.endsWith(":root") || principal === "123456789012")).to.deep.equal([]);
        // The only Denies to every principal: TLS (with a condition) and version deletes. None touches the bucket policy.
        const toEveryone = full.filter((s) => s.Effect === "Deny" && s.Principal === "*");
        expect(toEveryone.map((s) => [s.Sid, s.Condition !== undefined || s.Action === "s3:DeleteObjectVersion"])).to.deep.equal([
            ["DenyInsecureTransport", true],
            ["DenyOutdatedTls", true],
            ["DenyLogVersionDeletion", true],
        ]);
    });
});
