import { expect } from "chai";
import { AuditLogBucket } from "../../components/auditLogBucket";
import type { AuditLogBucketArgs } from "../../components/args";
import { AuditLogBucketArgsError, validateArgs } from "../../components/validation";
import { ACCOUNT, REGION, registrationsBeforeError } from "../support/mocks";

const ROLE = `arn:aws:iam::${ACCOUNT}:role/LogReader`;
const TRAIL = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const LOG_ARCHIVE = { organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777" };
const MANY_ACCOUNTS = Array.from({ length: 1000 }, (_, i) => String(100000000000 + i));
const LONG_READERS = Array.from({ length: 130 }, (_, i) => `arn:aws:iam::${ACCOUNT}:role/${"audit/".repeat(40)}Reader${i}`);

// One row per way to get the args wrong: the args (over a valid base), the field the message must name, and a
// fragment of the rule it must state.
const BAD_INPUT: [string, Partial<AuditLogBucketArgs> | Record<string, unknown>, string, RegExp][] = [
    ["an 11-digit account id", { accountId: "12345678901" }, "accountId", /12-digit/],
    ["a 13-digit account id", { accountId: "1234567890123" }, "accountId", /12-digit/],
    ["an account id with letters", { accountId: "12345678901a" }, "accountId", /12-digit/],
    ["an empty account id", { accountId: "" }, "accountId", /12-digit/],
    ["a made-up region", { region: "us-north-9" }, "region", /AWS region/],
    ["a region in capitals", { region: "US-EAST-1" }, "region", /AWS region/],
    ["an availability zone for a region", { region: "us-east-1a" }, "region", /AWS region/],
    ["a name prefix with capitals", { namePrefix: "Audit" }, "namePrefix", /lowercase letters, digits, dots and hyphens/],
    ["a name prefix with an underscore", { namePrefix: "audit_logs" }, "namePrefix", /lowercase letters, digits, dots and hyphens/],
    ["a name that grows past 63 characters", { namePrefix: "a".repeat(41) }, "namePrefix", /3 to 63 characters/],
    ["the reserved xn-- prefix", { namePrefix: "xn--logs" }, "namePrefix", /reserved prefix "xn--"/],
    ["the reserved sthree- prefix", { namePrefix: "sthree-logs" }, "namePrefix", /reserved prefix "sthree-"/],
    ["a name prefix starting with a hyphen", { namePrefix: "-logs" }, "namePrefix", /begin and end/],
    ["two adjacent dots", { namePrefix: "logs..archive" }, "namePrefix", /two adjacent dots/],
    ["an empty name prefix", { namePrefix: "" }, "namePrefix", /non-empty/],
    ["an unknown encryption mode", { encryption: "AES" }, "encryption", /"SSE_S3" or "SSE_KMS"/],
    ["a key ARN given with SSE-S3", { kmsKeyArn: KEY }, "kmsKeyArn", /only used with encryption "SSE_KMS"/],
    ["a malformed key ARN", { encryption: "SSE_KMS", kmsKeyArn: "arn:aws:kms:us-east-1:123:key/x" }, "kmsKeyArn", /KMS key or alias ARN/],
    ["a key in another region", { encryption: "SSE_KMS", kmsKeyArn: KEY.replace("us-east-1", "eu-west-1") }, "kmsKeyArn", /bucket's region/],
    ["an S3 ARN in place of a key", { encryption: "SSE_KMS", kmsKeyArn: "arn:aws:s3:::some-bucket" }, "kmsKeyArn", /KMS key or alias ARN/],
    ["Deep Archive before Glacier", { glacierAfterDays: 200, deepArchiveAfterDays: 100 }, "deepArchiveAfterDays", /out of order/],
    ["Deep Archive on the same day as Glacier", { glacierAfterDays: 120, deepArchiveAfterDays: 120 }, "deepArchiveAfterDays", /out of order/],
    ["Deep Archive inside Glacier's 90-day minimum", { glacierAfterDays: 30, deepArchiveAfterDays: 100 }, "deepArchiveAfterDays", /90-day minimum/],
    ["retention before the last tier", { glacierAfterDays: 300, deepArchiveAfterDays: 400, retentionDays: 380 }, "retentionDays", /shorter than the archive tiers/],
    ["retention inside Deep Archive's 180-day minimum", { deepArchiveAfterDays: 300, retentionDays: 400 }, "retentionDays", /180-day minimum/],
    ["retention shorter than a year", { glacierAfterDays: 30, deepArchiveAfterDays: 120, retentionDays: 300 }, "retentionDays", /at least 365 days: audit logs are kept a year at least/],
    ["zero retention", { retentionDays: 0 }, "retentionDays", /whole number of days/],
    ["fractional days", { glacierAfterDays: 90.5 }, "glacierAfterDays", /whole number of days/],
    ["negative days", { deepArchiveAfterDays: -1 }, "deepArchiveAfterDays", /whole number of days/],
    ["days given as a string", { retentionDays: "2555" }, "retentionDays", /whole number of days/],
    ["zero noncurrent expiration", { noncurrentVersionExpirationDays: 0 }, "noncurrentVersionExpirationDays", /whole number of days/],
    ["a negative archive size threshold", { archiveMinObjectSizeBytes: -5 }, "archiveMinObjectSizeBytes", /whole number of bytes/],
    ["an Instant Retrieval threshold above the archive threshold", { instantRetrievalMinObjectSizeBytes: 200000 }, "instantRetrievalMinObjectSizeBytes", /must not exceed archiveMinObjectSizeBytes/],
    ["a malformed organization id", { organizationId: "org-123" }, "organizationId", /AWS Organizations id/],
    ["a malformed trail ARN", { cloudTrailArns: ["arn:aws:cloudtrail:us-east-1:123456789012:main"] }, "cloudTrailArns[0]", /trail ARN/],
    ["another account's trail without an organization", { cloudTrailArns: [TRAIL.replace(ACCOUNT, "999999999999")] }, "cloudTrailArns[0]", /organization trail/],
    ["a wildcard reader", { readerArns: ["*"] }, "readerArns[0]", /wildcard or public principal/],
    ["a reader with a wildcard in the role name", { readerArns: [`arn:aws:iam::${ACCOUNT}:role/*`] }, "readerArns[0]", /wildcard/],
    ["a reader that is not an IAM ARN", { readerArns: [ROLE, "arn:aws:s3:::bucket"] }, "readerArns[1]", /IAM role or user ARN/],
    ["a public Session Manager writer", { sessionManagerWriterArns: ["*"] }, "sessionManagerWriterArns[0]", /wildcard or public principal/],
    ["a Security Hub writer with a bad account", { securityHubWriterArns: ["arn:aws:iam::12:role/Firehose"] }, "securityHubWriterArns[0]", /IAM role or user ARN/],
    ["a reader that is also a writer", { readerArns: [ROLE], securityHubWriterArns: [ROLE] }, "readerArns[0]", /also a log writer/],
    ["an empty CloudTrail prefix", { prefixes: { cloudTrail: "" } }, "prefixes.cloudTrail", /non-empty key prefix ending with "\/"/],
    ["a prefix without a trailing slash", { prefixes: { config: "config-logs" } }, "prefixes.config", /ending with "\/"/],
    ["a prefix starting with a slash", { prefixes: { sessionManager: "/ssm/" } }, "prefixes.sessionManager", /must not start with \//],
    ["overlapping prefixes", { prefixes: { cloudTrail: "logs/", config: "logs/config/" } }, "prefixes.config", /must not overlap prefixes.cloudTrail/],
    ["Object Lock longer than retention", { objectLockDays: 3000 }, "objectLockDays", /must not exceed retentionDays/],
    ["an unknown Object Lock mode", { objectLockDays: 30, objectLockMode: "STRICT" }, "objectLockMode", /"GOVERNANCE" or "COMPLIANCE"/],
    ["an Object Lock mode without days", { objectLockMode: "COMPLIANCE" }, "objectLockMode", /needs objectLockDays/],
    ["an access log bucket S3 would reject", { accessLogBucket: "Access_Logs" }, "accessLogBucket", /not a valid bucket name/],
    ["the bucket logging to itself", { accessLogBucket: `network-compliance-logs-${ACCOUNT}-${REGION}` }, "accessLogBucket", /another bucket/],
    ["an access log prefix without a bucket", { accessLogPrefix: "logs/" }, "accessLogPrefix", /only used with accessLogBucket/],
    ["the purpose tag overridden", { tags: { purpose: "scratch" } }, "tags.purpose", /reserved/],
    ["a tag value that is not a string", { tags: { team: 7 } }, "tags.team", /must be a string/],
    ["an access log prefix without a trailing slash", { accessLogBucket: "access-logs-bucket", accessLogPrefix: "logs" }, "accessLogPrefix", /non-empty key prefix ending with "\/"/],
    ["zero Object Lock days", { objectLockDays: 0 }, "objectLockDays", /whole number of days, 1 or more/],
    ["readers given as one string", { readerArns: ROLE }, "readerArns", /must be a list/],
    ["a prefix with a space", { prefixes: { securityHub: "security hub/" } }, "prefixes.securityHub", /may contain only letters/],
    ["a prefix that is only a slash", { prefixes: { config: "/" } }, "prefixes.config", /non-empty key prefix/],
    ["retention on the Deep Archive day", { glacierAfterDays: 180, deepArchiveAfterDays: 400, retentionDays: 400 }, "retentionDays", /shorter than the archive tiers/],
    ["an organization id with a prefix", { organizationId: "xo-a1b2c3d4e5" }, "organizationId", /AWS Organizations id/],
    ["an organization id with a suffix", { organizationId: "o-a1b2c3d4e5!" }, "organizationId", /AWS Organizations id/],
    ["more days than S3 allows", { retentionDays: 2147483648 }, "retentionDays", /whole number of days from 1 to 2147483647/],
    // Lockout: a principal that stands for a whole account would put every principal of it under the reader or writer Deny.
    ["the account root as a reader", { readerArns: [`arn:aws:iam::${ACCOUNT}:root`] }, "readerArns[0]", /not an account root.*the deployer included/],
    ["another account's root as a reader", { readerArns: ["arn:aws:iam::999999999999:root"] }, "readerArns[0]", /not an account root/],
    ["a bare account id as a reader", { readerArns: [ACCOUNT] }, "readerArns[0]", /not a bare account id/],
    ["the account root as a Session Manager writer", { sessionManagerWriterArns: [`arn:aws:iam::${ACCOUNT}:root`] }, "sessionManagerWriterArns[0]", /not an account root/],
    ["a bare account id as a Security Hub writer", { securityHubWriterArns: [ACCOUNT] }, "securityHubWriterArns[0]", /not a bare account id/],
    ["a wildcard account in a writer ARN", { securityHubWriterArns: ["arn:aws:iam::*:role/Firehose"] }, "securityHubWriterArns[0]", /wildcard.*lock/],
    // A new name for a migration.
    ["a bucket name suffix with capitals", { bucketNameSuffix: "V2" }, "bucketNameSuffix", /lowercase letters, digits and hyphens/],
    ["a bucket name suffix ending in a hyphen", { bucketNameSuffix: "v2-" }, "bucketNameSuffix", /starting and ending with a letter or digit/],
    ["a bucket name suffix that makes the name too long", { bucketNameSuffix: "a".repeat(20) }, "bucketNameSuffix", /3 to 63 characters/],
    // Object Lock only where AWS's services accept it.
    ["objectLockDays on a bucket AWS Config delivers to (AWS-CFG-200)", { objectLockDays: 365 }, "objectLockDays", /configDelivery.*AWS Config does not support a delivery channel.*set vaultRegion/],
    ["objectLockDays with configDelivery given as true", { objectLockDays: 30, configDelivery: true }, "objectLockDays", /while AWS Config delivers to this bucket/],
    ["configDelivery that is not a boolean", { configDelivery: "false" }, "configDelivery", /true or false/],
    // The vault: another region of the same partition, a provider for another account, locked 1..retentionDays, administered by named roles.
    ["a vault in the bucket's own region", { vault: { region: REGION, adminArns: [ROLE] } }, "vault.region", /must differ from the bucket's region us-east-1/],
    ["a vault in another partition (AWS-S3-209)", { vault: { region: "cn-north-1", adminArns: [ROLE] } }, "vault.region", /must be in the bucket's partition aws, not aws-cn/],
    ["a vault region that does not exist", { vault: { region: "us-west-9", adminArns: [ROLE] } }, "vault.region", /must be an AWS region/],
    ["a vault account without a provider", { vault: { region: "us-west-2", accountId: "555555555555", adminArns: ["arn:aws:iam::555555555555:role/VaultAdmin"] } }, "vault.provider", /another account \(555555555555\).*aws.Provider/],
    ["a malformed vault account", { vault: { region: "us-west-2", accountId: "5555", adminArns: [ROLE] } }, "vault.accountId", /12-digit/],
    ["vault Object Lock of zero days", { vault: { region: "us-west-2", adminArns: [ROLE], objectLockDays: 0 } }, "vault.objectLockDays", /whole number of days from 1 to retentionDays \(2555\)/],
    ["vault Object Lock longer than the retention", { vault: { region: "us-west-2", adminArns: [ROLE], objectLockDays: 3000 } }, "vault.objectLockDays", /must not exceed retentionDays \(2555\)/],
    ["an unknown vault Object Lock mode", { vault: { region: "us-west-2", adminArns: [ROLE], objectLockMode: "STRICT" } }, "vault.objectLockMode", /"GOVERNANCE" or "COMPLIANCE"/],
    ["an unknown vault storage class", { vault: { region: "us-west-2", adminArns: [ROLE], storageClass: "REDUCED_REDUNDANCY" } }, "vault.storageClass", /must be one of STANDARD, .*DEEP_ARCHIVE/],
    ["vault RTC given as a string", { vault: { region: "us-west-2", adminArns: [ROLE], replicationTimeControl: "yes" } }, "vault.replicationTimeControl", /true or false/],
    ["a vault without administrators", { vault: { region: "us-west-2", adminArns: [] } }, "vault.adminArns", /at least one IAM role or user/],
    ["the account root as a vault administrator", { vault: { region: "us-west-2", adminArns: [`arn:aws:iam::${ACCOUNT}:root`] } }, "vault.adminArns[0]", /not an account root/],
    ["a bare account id as a vault administrator", { vault: { region: "us-west-2", adminArns: [ACCOUNT] } }, "vault.adminArns[0]", /not a bare account id/],
    ["a wildcard vault administrator", { vault: { region: "us-west-2", adminArns: [`arn:aws:iam::${ACCOUNT}:role/*`] } }, "vault.adminArns[0]", /wildcard/],
    ["a vault administrator of another account", { vault: { region: "us-west-2", adminArns: ["arn:aws:iam::999999999999:role/VaultAdmin"] } }, "vault.adminArns[0]", /role or user of the vault account 123456789012/],
    ["a vault given as a string", { vault: "us-west-2" }, "vault", /must be an object/],
    ["a vault role of another account", { vault: { region: "us-west-2", adminArns: [ROLE], roleArn: "arn:aws:iam::555555555555:role/VaultAdmin" } }, "vault.roleArn", /role of the vault account 123456789012/],
    ["a vault role that is not an administrator", { vault: { region: "us-west-2", adminArns: [ROLE], roleArn: `arn:aws:iam::${ACCOUNT}:role/Deployer` } }, "vault.roleArn", /must also be one of adminArns/],
    ["allowDeletion with a COMPLIANCE vault", { allowDeletion: true, vault: { region: "us-west-2", adminArns: [ROLE], objectLockMode: "COMPLIANCE" } }, "allowDeletion", /COMPLIANCE vault.*nobody, not even the root user.*use GOVERNANCE/],
    // Deletion.
    ["allowDeletion with Object Lock", { allowDeletion: true, objectLockDays: 30 }, "allowDeletion", /cannot be combined with Object Lock/],
    ["allowDeletion that is not a boolean", { allowDeletion: "yes" }, "allowDeletion", /true or false/],
    // Event notifications.
    ["eventBridgeNotifications that is not a boolean", { eventBridgeNotifications: "false" }, "eventBridgeNotifications", /true or false/],
    ["eventBridgeNotifications given as a number", { eventBridgeNotifications: 0 }, "eventBridgeNotifications", /true or false/],
    // Central log-archive mode.
    ["a malformed management account id", { organizationId: "o-a1b2c3d4e5", managementAccountId: "1234" }, "managementAccountId", /12-digit/],
    ["a management account without an organization", { managementAccountId: "777777777777" }, "managementAccountId", /needs organizationId/],
    ["source accounts without a management account", { organizationId: "o-a1b2c3d4e5", sourceAccountIds: ["888888888888"] }, "sourceAccountIds", /needs managementAccountId/],
    ["a malformed source account", { organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777", sourceAccountIds: ["888888888888", "88"] }, "sourceAccountIds[1]", /12-digit/],
    ["a source account listed twice", { organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777", sourceAccountIds: ["888888888888", "888888888888"] }, "sourceAccountIds[1]", /listed twice/],
    ["source accounts given as one string", { organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777", sourceAccountIds: "888888888888" }, "sourceAccountIds", /must be a list/],
    [
        "a member account's trail in log-archive mode",
        { organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777", cloudTrailArns: [TRAIL.replace(ACCOUNT, "888888888888")] },
        "cloudTrailArns[0]",
        /management account 777777777777/,
    ],
    ["another account's trail with organizationId alone (this account holds the organization trail)", { organizationId: "o-a1b2c3d4e5", cloudTrailArns: [TRAIL.replace(ACCOUNT, "999999999999")] }, "cloudTrailArns[0]", /this account is the management account/],
    // Organizational units (AWS-IAM-003).
    ["organizational-unit paths without a central log archive", { organizationId: "o-a1b2c3d4e5", sourceOrgPaths: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"] }, "sourceOrgPaths", /needs managementAccountId and organizationId/],
    ["organizational-unit paths given as one string", { ...LOG_ARCHIVE, sourceOrgPaths: "o-a1b2c3d4e5/r-ab12/" }, "sourceOrgPaths", /must be a list/],
    ["an organizational-unit path without its root", { ...LOG_ARCHIVE, sourceOrgPaths: ["o-a1b2c3d4e5/ou-ab12-11111111/"] }, "sourceOrgPaths[0]", /organizational-unit path such as o-a1b2c3d4e5\/r-ab12/],
    ["an organizational-unit path without its trailing slash", { ...LOG_ARCHIVE, sourceOrgPaths: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111"] }, "sourceOrgPaths[0]", /organizational-unit path/],
    ["an organizational-unit path of another organization", { ...LOG_ARCHIVE, sourceOrgPaths: ["o-zzzzzzzzzz/r-ab12/"] }, "sourceOrgPaths[0]", /of the organization o-a1b2c3d4e5/],
    ["an organizational-unit path listed twice", { ...LOG_ARCHIVE, sourceOrgPaths: ["o-a1b2c3d4e5/r-ab12/*", "o-a1b2c3d4e5/r-ab12/*"] }, "sourceOrgPaths[1]", /listed twice/],
    // Policy sizes (AWS-S3-001, AWS-KMS-002): what cannot fit is refused before anything is registered.
    ["a bucket policy over 20 KB (1,000 listed accounts)", { ...LOG_ARCHIVE, sourceAccountIds: MANY_ACCOUNTS }, "sourceAccountIds", /makes the bucket policy 3\d,\d{3} bytes of compact JSON, over S3's limit of 20,480 \(PutBucketPolicy would fail at pulumi up\); it grows with sourceAccountIds \(1,000 entries: 30,\d{3} bytes\): drop sourceAccountIds to admit the whole organization/],
    ["a key policy over 32 KB (130 readers with long role paths)", { encryption: "SSE_KMS", readerArns: LONG_READERS }, "readerArns", /makes the key policy .* over KMS's limit of 32,768 \(CreateKey would fail at pulumi up\); it grows with readerArns \(130 entries/],
    // Partitions: a policy never matches across them.
    ["a commercial-partition reader for a China bucket", { region: "cn-north-1", readerArns: [ROLE] }, "readerArns[0]", /bucket's partition aws-cn/],
    ["a commercial-partition trail for a China bucket", { region: "cn-north-1", cloudTrailArns: ["arn:aws:cloudtrail:cn-north-1:123456789012:trail/main"] }, "cloudTrailArns[0]", /bucket's partition aws-cn/],
    // Access logging.
    ["createAccessLogBucket that is not a boolean", { createAccessLogBucket: "true" }, "createAccessLogBucket", /true or false/],
    ["a created access log bucket named as this bucket", { createAccessLogBucket: true, accessLogBucket: `network-compliance-logs-${ACCOUNT}-${REGION}` }, "accessLogBucket", /another bucket/],
    // The account-regional namespace (AWS-S3-602, AWS-S3-603).
    ["a bucket namespace S3 does not have", { bucketNamespace: "account" }, "bucketNamespace", /"global" .* or "account-regional"/],
    ["a name suffix after the account-regional namespace's -an (AWS-S3-602)", { bucketNamespace: "account-regional", bucketNameSuffix: "v2" }, "bucketNameSuffix", /cannot go with bucketNamespace "account-regional", whose names must end in -<account>-<region>-an/],
    ["the account-regional namespace in Middle East (Bahrain)", { region: "me-south-1", bucketNamespace: "account-regional" }, "bucketNamespace", /not offered in me-south-1/],
    ["the account-regional namespace in Middle East (UAE)", { region: "me-central-1", bucketNamespace: "account-regional" }, "bucketNamespace", /not offered in me-central-1/],
    ["a prefix that fits globally but not with the -an suffix", { namePrefix: "a".repeat(38), bucketNamespace: "account-regional" }, "namePrefix", /bucketNamespace "account-regional" gives the bucket name "a{38}-123456789012-us-east-1-an".*3 to 63 characters long \(it is 64\)/],
    ["the bucket logging to its account-regional self", { bucketNamespace: "account-regional", accessLogBucket: `network-compliance-logs-${ACCOUNT}-${REGION}-an` }, "accessLogBucket", /another bucket/],
];

describe("bad input to AuditLogBucket", () => {
    it("has a table of at least 40 rows", () => {
        expect(BAD_INPUT.length).to.be.at.least(40);
    });

    for (const [what, args, field, rule] of BAD_INPUT) {
        it(`refuses ${what}, naming ${field}, before registering anything`, async () => {
            const { error, resources } = await registrationsBeforeError(() => {
                new AuditLogBucket("logs", { accountId: ACCOUNT, region: REGION, ...args } as AuditLogBucketArgs);
            });
            expect(error, "expected an AuditLogBucketArgsError").to.be.instanceOf(AuditLogBucketArgsError);
            const problems = (error as AuditLogBucketArgsError).problems;
            const named = problems.filter((problem) => problem.field === field);
            expect(named, `problems: ${(error as Error).message}`).to.have.length.greaterThan(0);
            expect(named.some((problem) => rule.test(problem.rule)), (error as Error).message).to.equal(true);
            expect((error as Error).message).to.include(field);
            expect(resources, "resources registered before the error").to.deep.equal([]);
        });
    }

    it("lists every problem at once, each on its own line", () => {
        const problems = validateArgs({ accountId: "1", region: "mars-1", retentionDays: 0, readerArns: ["*"] });
        expect(problems.map((problem) => problem.field)).to.deep.equal(["accountId", "region", "retentionDays", "readerArns[0]"]);
        const message = new AuditLogBucketArgsError("logs", problems).message;
        expect(message.split("\n")).to.have.length(5);
        expect(message).to.match(/^AuditLogBucket "logs" has 4 invalid arguments:/);
    });

    it("accepts the defaults, the boundaries and a full valid configuration", () => {
        expect(validateArgs({ accountId: ACCOUNT, region: REGION })).to.deep.equal([]);
        // Each tier exactly at its minimum duration, retention exactly a year, Object Lock as long as retention.
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, glacierAfterDays: 1, deepArchiveAfterDays: 91, retentionDays: 271, objectLockDays: 271, configDelivery: false }).map((p) => p.rule)).to.deep.equal([
            "must be at least 365 days: audit logs are kept a year at least (the policy pack's mandatory audit-log-retention)",
        ]);
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, glacierAfterDays: 1, deepArchiveAfterDays: 185, retentionDays: 365, objectLockDays: 365, configDelivery: false })).to.deep.equal([]);
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, noncurrentVersionExpirationDays: 2147483647 })).to.deep.equal([]);
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, instantRetrievalMinObjectSizeBytes: 131072, archiveMinObjectSizeBytes: 131072 })).to.deep.equal([]);
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, prefixes: { cloudTrail: "a/" } })).to.deep.equal([]);
        // Central log-archive mode, with and without a list of accounts; a created access-log bucket with a prefix.
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, organizationId: "o-a1b2c3d4e5", managementAccountId: "777777777777" })).to.deep.equal([]);
        expect(
            validateArgs({
                accountId: ACCOUNT,
                region: REGION,
                organizationId: "o-a1b2c3d4e5",
                managementAccountId: "777777777777",
                sourceAccountIds: ["888888888888"],
                cloudTrailArns: [TRAIL.replace(ACCOUNT, "777777777777")],
                sessionManagerWriterArns: ["arn:aws:iam::888888888888:role/ssm"],
            }),
        ).to.deep.equal([]);
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, createAccessLogBucket: true, accessLogPrefix: "logs/" })).to.deep.equal([]);
        expect(validateArgs({ accountId: ACCOUNT, region: "cn-north-1", readerArns: ["arn:aws-cn:iam::123456789012:role/r"], allowDeletion: true })).to.deep.equal([]);
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, eventBridgeNotifications: false })).to.deep.equal([]);
        // A bucket logging to another bucket of the same name pattern but another account is fine.
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, accessLogBucket: `network-compliance-logs-999999999999-${REGION}` })).to.deep.equal([]);
        expect(
            validateArgs({
                accountId: ACCOUNT,
                region: REGION,
                encryption: "SSE_KMS",
                kmsKeyArn: KEY,
                organizationId: "o-a1b2c3d4e5",
                cloudTrailArns: [TRAIL],
                readerArns: [ROLE, `arn:aws:iam::${ACCOUNT}:user/auditor`],
                sessionManagerWriterArns: [`arn:aws:iam::${ACCOUNT}:role/ssm`],
                objectLockDays: 365,
                objectLockMode: "COMPLIANCE",
                configDelivery: false,
                accessLogBucket: "access-logs-123456789012",
            }),
        ).to.deep.equal([]);
    });

    it("accepts organizational-unit paths of the organization in central log-archive mode", () => {
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, ...LOG_ARCHIVE, sourceOrgPaths: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", "o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/ou-ab12-33333333/*", "o-a1b2c3d4e5/*"] })).to.deep.equal([]);
    });

    it("counts a reader ARN that is still an output at the longest IAM allows, and refuses what could not fit before registering anything (AWS-IAM-004)", async () => {
        const pulumi = await import("@pulumi/pulumi");
        // 30 readers of 40 characters fit; 30 outputs, each counted at 606 characters, cannot.
        const known = Array.from({ length: 30 }, (_, i) => `arn:aws:iam::${ACCOUNT}:role/Reader${String(i).padStart(2, "0")}`);
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, readerArns: known })).to.deep.equal([]);
        const { error, resources } = await registrationsBeforeError(() => {
            new AuditLogBucket("logs", { accountId: ACCOUNT, region: REGION, readerArns: known.map((arn) => pulumi.output(arn)) });
        });
        expect(error).to.be.instanceOf(AuditLogBucketArgsError);
        expect((error as Error).message).to.match(/readerArns = 30: makes the bucket policy [\d,]+ bytes of compact JSON \(counting 30 ARNs that are not known yet at the longest an IAM ARN can be, 606 characters; the exact size is checked again once they resolve\), over S3's limit of 20,480/);
        expect(resources).to.deep.equal([]);
    });

    it("checks the exact size again once output ARNs resolve, with the same message", async () => {
        const pulumi = await import("@pulumi/pulumi");
        // A few outputs fit even at their longest; the policies built from their resolved values are checked again.
        const args: AuditLogBucketArgs = { accountId: ACCOUNT, region: REGION, readerArns: [pulumi.output(ROLE)] };
        expect(validateArgs(args)).to.deep.equal([]);
        const tooMany = { accountId: ACCOUNT, region: REGION, ...LOG_ARCHIVE, sourceAccountIds: MANY_ACCOUNTS };
        const exact = validateArgs({ ...tooMany, readerArns: [ROLE] });
        const estimated = validateArgs({ ...tooMany, readerArns: [pulumi.output(ROLE)] });
        expect(exact.map((p) => p.field)).to.deep.equal(["sourceAccountIds"]);
        expect(estimated.map((p) => p.field)).to.deep.equal(["sourceAccountIds"]);
        expect(exact[0].rule.replace(/[\d,]+ bytes/g, "N bytes")).to.equal(estimated[0].rule.replace(/[\d,]+ bytes/g, "N bytes").replace(/ \(counting an ARN [^)]*\)/, ""));
    });

    it("accepts allowDeletion with a GOVERNANCE vault: its admins may then empty it on destroy, bypassing the lock", () => {
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, allowDeletion: true, vault: { region: "us-west-2", adminArns: [ROLE] } })).to.deep.equal([]);
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, allowDeletion: true, vault: { region: "us-west-2", adminArns: [ROLE], objectLockMode: "GOVERNANCE" } })).to.deep.equal([]);
    });

    it("accepts a vault in another account with a role to assume there instead of a provider", () => {
        const vault = { region: "us-west-2", accountId: "555555555555", adminArns: ["arn:aws:iam::555555555555:role/VaultAdmin"], roleArn: "arn:aws:iam::555555555555:role/VaultAdmin" };
        expect(validateArgs({ accountId: ACCOUNT, region: REGION, vault })).to.deep.equal([]);
    });

    it("checks ARNs that arrive as outputs when they resolve, with the same rule", async () => {
        const pulumi = await import("@pulumi/pulumi");
        const { error } = await registrationsBeforeError(() => {
            new AuditLogBucket("logs", { accountId: ACCOUNT, region: REGION, readerArns: [pulumi.output("*")] });
        });
        expect(error).to.be.instanceOf(AuditLogBucketArgsError);
        expect((error as Error).message).to.match(/readerArns\[0\] = "\*": must name one IAM role or user/);
    });
});
