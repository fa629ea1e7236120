import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import type { AuditLogBucketArgs } from "../../components/args";
import { principalArnProblem, trailArnProblem } from "../../components/arns";
import { buildBucketPolicy } from "../../components/bucketPolicy";
import { DEFAULT_PREFIXES } from "../../components/prefixes";
import {
    BUCKET_POLICY_LIMIT_BYTES,
    KEY_POLICY_LIMIT_BYTES,
    compactJsonBytes,
    longestPrincipalArn,
    longestTrailArn,
    oversizedPolicies,
    policySizeProblems,
    policySizes,
} from "../../components/policySize";

const README = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
const ACCOUNT = "666666666666";
const MANAGEMENT = "777777777777";
const ORG = "o-a1b2c3d4e5";
const accounts = (n: number): string[] => Array.from({ length: n }, (_, i) => String(100000000000 + i));
const roles = (n: number, account = ACCOUNT, name = "SecurityAuditor"): string[] => Array.from({ length: n }, (_, i) => `arn:aws:iam::${account}:role/${name}${String(i).padStart(3, "0")}`);

/** The shipped log-archive stack (stacks/Pulumi.log-archive.yaml), as args. */
const LOG_ARCHIVE: AuditLogBucketArgs = {
    accountId: ACCOUNT,
    region: "eu-west-1",
    encryption: "SSE_KMS",
    organizationId: ORG,
    managementAccountId: MANAGEMENT,
    readerArns: [`arn:aws:iam::${ACCOUNT}:role/SecurityAuditor`],
    sessionManagerWriterArns: ["arn:aws:iam::888888888888:role/SsmSessionLogging"],
    securityHubWriterArns: ["arn:aws:iam::888888888888:role/SecurityHubFirehoseDelivery"],
    objectLockDays: 365,
    createAccessLogBucket: true,
    athena: { databaseName: "audit_logs" },
};

/** The modes of the README's table, each with nothing listed: what the table's columns add to. */
const MODES: { name: string; args: AuditLogBucketArgs }[] = [
    { name: "one account", args: { accountId: ACCOUNT, region: "eu-west-1", encryption: "SSE_KMS" } },
    { name: "one account holding the organization trail (`organizationId`)", args: { accountId: ACCOUNT, region: "eu-west-1", encryption: "SSE_KMS", organizationId: ORG, cloudTrailArns: [`arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/organization-trail`] } },
    { name: "central log archive (`managementAccountId`)", args: { accountId: ACCOUNT, region: "eu-west-1", encryption: "SSE_KMS", organizationId: ORG, managementAccountId: MANAGEMENT } },
];

function fits(args: AuditLogBucketArgs): boolean {
    const sizes = policySizes(args);
    return sizes.bucketPolicy <= BUCKET_POLICY_LIMIT_BYTES && (sizes.keyPolicy ?? 0) <= KEY_POLICY_LIMIT_BYTES;
}

/** The largest n for which `make(n)` fits both policies: doubling, then halving. */
function largest(make: (n: number) => AuditLogBucketArgs): number {
    if (!fits(make(1))) {
        return 0;
    }
    let high = 1;
    while (fits(make(high))) {
        high *= 2;
    }
    let low = high / 2;
    while (low < high - 1) {
        const mid = Math.floor((low + high) / 2);
        if (fits(make(mid))) {
            low = mid;
        } else {
            high = mid;
        }
    }
    return low;
}

const n = (value: number): string => value.toLocaleString("en-US");

/** The README's "what fits" rows, computed. */
function fitTable(): string[] {
    return MODES.map(({ name, args }) => {
        const readers = largest((count) => ({ ...args, readerArns: roles(count) }));
        const outputReaders = largest((count) => ({ ...args, readerArns: roles(count).map((arn) => ({ arn }) as unknown as string) }));
        const ssm = largest((count) => ({ ...args, sessionManagerWriterArns: roles(count, "888888888888", "SsmSessionLogging") }));
        const hub = largest((count) => ({ ...args, securityHubWriterArns: roles(count, "888888888888", "SecurityHubFirehose") }));
        const listed = args.managementAccountId ? n(largest((count) => ({ ...args, sourceAccountIds: accounts(count) }))) : "n/a";
        const listedWithPrincipals = args.managementAccountId
            ? n(largest((count) => ({ ...args, readerArns: roles(10), sessionManagerWriterArns: roles(10, "888888888888", "SsmSessionLogging"), securityHubWriterArns: roles(10, "888888888888", "SecurityHubFirehose"), sourceAccountIds: accounts(count) })))
            : "n/a";
        return `| ${name} | ${n(readers)} | ${n(outputReaders)} | ${n(ssm)} | ${n(hub)} | ${listed} | ${listedWithPrincipals} |`;
    });
}

/** The README's sizes of the shipped log-archive stack for 0, 100 and 1,000 member accounts, computed. */
function sizeTable(): string[] {
    const row = (what: string, args: AuditLogBucketArgs): string => {
        const sizes = policySizes(args);
        const mark = (bytes: number, limit: number): string => `${n(bytes)}${bytes > limit ? " (over)" : ""}`;
        return `| ${what} | ${mark(sizes.bucketPolicy, BUCKET_POLICY_LIMIT_BYTES)} | ${mark(sizes.keyPolicy as number, KEY_POLICY_LIMIT_BYTES)} |`;
    };
    return [0, 100, 1000].flatMap((count) => [
        row(`${n(count)} member accounts, the whole organization`, { ...LOG_ARCHIVE }),
        row(`${n(count)} member accounts, all in \`sourceAccountIds\``, { ...LOG_ARCHIVE, sourceAccountIds: accounts(count) }),
    ]);
}

describe("policy sizes", () => {
    it("counts compact JSON bytes, against S3's 20 KB and KMS's 32 KB (AWS-S3-001, AWS-KMS-002)", () => {
        expect(BUCKET_POLICY_LIMIT_BYTES).to.equal(20480);
        expect(KEY_POLICY_LIMIT_BYTES).to.equal(32768);
        const document = buildBucketPolicy({ partition: "aws", accountId: ACCOUNT, bucketName: "b", prefixes: DEFAULT_PREFIXES, cloudTrailArns: [], readerArns: [], sessionManagerWriterArns: [], securityHubWriterArns: [] });
        expect(compactJsonBytes(document)).to.equal(JSON.stringify(document).length);
        expect(compactJsonBytes(document)).to.be.lessThan(JSON.stringify(document, null, 2).length);
    });

    it("counts an ARN not known yet at the longest IAM allows: a 512-character path and a 64-character name (AWS-IAM-004)", () => {
        for (const partition of ["aws", "aws-cn", "aws-us-gov"]) {
            const arn = longestPrincipalArn(partition);
            expect(arn.length).to.equal(`arn:${partition}:iam::000000000000:role`.length + 512 + 64);
            expect(principalArnProblem(arn)).to.equal(undefined);
            expect(arn.split("/").slice(1, -1).join("/").length + 2).to.equal(512);
            expect(arn.split("/").pop()).to.have.length(64);
        }
        expect(longestTrailArn("aws", MANAGEMENT)).to.equal(`arn:aws:cloudtrail:ap-southeast-1:${MANAGEMENT}:trail/${"t".repeat(128)}`);
        expect(trailArnProblem(longestTrailArn("aws-us-gov", MANAGEMENT))).to.equal(undefined);
        expect(longestTrailArn("aws-cn", MANAGEMENT)).to.match(/^arn:aws-cn:cloudtrail:cn-northwest-1:/);
        // An output reader weighs the longest ARN in every statement that names it.
        const base = { accountId: ACCOUNT, region: "eu-west-1" };
        const asOutput = policySizes({ ...base, readerArns: [{} as unknown as string] }).bucketPolicy;
        expect(asOutput).to.equal(policySizes({ ...base, readerArns: [longestPrincipalArn("aws")] }).bucketPolicy);
    });

    it("sizes the key policy only when the component creates the key", () => {
        expect(policySizes({ accountId: ACCOUNT, region: "eu-west-1" }).keyPolicy).to.equal(undefined);
        expect(policySizes({ accountId: ACCOUNT, region: "eu-west-1", encryption: "SSE_KMS", kmsKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` }).keyPolicy).to.equal(undefined);
        expect(policySizes({ accountId: ACCOUNT, region: "eu-west-1", encryption: "SSE_KMS" }).keyPolicy).to.be.greaterThan(0);
    });

    it("keeps the organization's size the same for 10 accounts and 10,000 when none is listed", () => {
        expect(policySizes(LOG_ARCHIVE)).to.deep.equal(policySizes({ ...LOG_ARCHIVE, sourceOrgPaths: undefined }));
        // Listed accounts are a condition list: 15 bytes each in the two Config statements of the bucket policy, one of the key's.
        const grows = (count: number) => policySizes({ ...LOG_ARCHIVE, sourceAccountIds: accounts(count) });
        expect(grows(101).bucketPolicy - grows(100).bucketPolicy).to.equal(30);
        expect((grows(101).keyPolicy as number) - (grows(100).keyPolicy as number)).to.equal(15);
    });

    it("fits the log-archive bucket policy with 51 listed member accounts, which per-account paths had grown to 20,503 bytes", () => {
        const sizes = policySizes({ ...LOG_ARCHIVE, sourceAccountIds: accounts(51) });
        expect(sizes.bucketPolicy).to.equal(9776);
        expect(sizes.bucketPolicy).to.be.below(BUCKET_POLICY_LIMIT_BYTES / 2);
        expect(policySizeProblems({ ...LOG_ARCHIVE, sourceAccountIds: accounts(51) })).to.deep.equal([]);
    });

    it("names every field that makes an oversized policy grow, largest first, and the way out of each", () => {
        const args = { ...LOG_ARCHIVE, sourceAccountIds: accounts(900), sourceOrgPaths: [`${ORG}/r-ab12/ou-ab12-11111111/`], cloudTrailArns: [`arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/management-events`, `arn:aws:cloudtrail:eu-west-1:${MANAGEMENT}:trail/organization-trail`] };
        const [bucket, ...rest] = oversizedPolicies(args);
        expect(rest).to.deep.equal([]);
        expect(bucket.policy).to.equal("bucket");
        expect(bucket.growth.map((g) => g.field)).to.deep.equal(["sourceAccountIds", "readerArns", "securityHubWriterArns", "sessionManagerWriterArns", "sourceOrgPaths", "cloudTrailArns"]);
        expect(bucket.growth[0]).to.deep.equal({ field: "sourceAccountIds", entries: 900, bytes: 27008 });
        const [problem] = policySizeProblems(args);
        expect(problem.field).to.equal("sourceAccountIds");
        expect(problem.value).to.equal(900);
        expect(problem.rule).to.match(/^makes the bucket policy [\d,]+ bytes of compact JSON, over S3's limit of 20,480 \(PutBucketPolicy would fail at pulumi up\); it grows with sourceAccountIds \(900 entries: 27,008 bytes\), /);
        for (const way of ["drop sourceAccountIds to admit the whole organization by aws:SourceOrgID", "one shared reader role", "one Session Manager logging role", "one Firehose role", "leave cloudTrailArns out", "parent organizational unit with a wildcard"]) {
            expect(problem.rule).to.include(way);
        }
        expect(policySizeProblems(LOG_ARCHIVE)).to.deep.equal([]);
    });

    it("holds the README's table of what fits in each mode to the figures computed here", () => {
        const rows = fitTable();
        for (const row of rows) {
            expect(README, `README row ${row}`).to.include(row);
        }
    });

    it("holds the README's policy sizes for 0, 100 and 1,000 member accounts to the figures computed here", () => {
        const rows = sizeTable();
        for (const row of rows) {
            expect(README, `README row ${row}`).to.include(row);
        }
        expect(rows.filter((row) => row.includes("(over)"))).to.have.length(1);
    });
});

