import { expect } from "chai";
import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { AuditLogBucket } from "../../components/auditLogBucket";
import type { AuditLogBucketArgs } from "../../components/args";
import { validateArgs } from "../../components/validation";
import { runUnderMocks } from "../../tools/offline/capture";
import type { PolicyConfigFile } from "../../tools/policy/analyzer";
import { analyzerResource } from "../../tools/policy/fromPlan";
import type { Violation } from "../../tools/policy/violations";
import { PackProcess, inProcessVerdicts } from "./harness";

const THROWAWAY = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policy-pack", "config.throwaway.json"), "utf8")) as PolicyConfigFile;

// One region of each partition the component supports: aws, aws-cn, aws-us-gov.
const REGIONS = { aws: ["us-east-1", "eu-west-1"], "aws-cn": ["cn-north-1"], "aws-us-gov": ["us-gov-west-1"] } as const;
const partitionOf = (region: string): string => (region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws");

const account = fc.stringMatching(/^\d{12}$/);
const roleName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/);

/** Arguments the component accepts, over its whole space: encryption, principals, Object Lock, logging, deletion. */
const args: fc.Arbitrary<AuditLogBucketArgs> = fc
    .record({
        accountId: account,
        region: fc.constantFrom(...REGIONS.aws, ...REGIONS["aws-cn"], ...REGIONS["aws-us-gov"]),
        encryption: fc.constantFrom("SSE_S3" as const, "SSE_KMS" as const),
        givenKey: fc.boolean(),
        organizationId: fc.option(fc.stringMatching(/^o-[a-z0-9]{10}$/), { nil: undefined }),
        readers: fc.uniqueArray(roleName, { maxLength: 2 }),
        sessionManagerWriters: fc.uniqueArray(roleName, { maxLength: 1 }),
        securityHubWriters: fc.uniqueArray(roleName, { maxLength: 1 }),
        objectLockDays: fc.option(fc.integer({ min: 1, max: 365 }), { nil: undefined }),
        objectLockMode: fc.constantFrom("GOVERNANCE" as const, "COMPLIANCE" as const),
        accessLogging: fc.constantFrom("none", "given", "created"),
        // Without sourceAccountIds, every account of the organization delivers (scoped by aws:SourceOrgID).
        logArchive: fc.option(fc.record({ managementAccountId: account, sourceAccountIds: fc.uniqueArray(account, { maxLength: 3 }) }, { requiredKeys: ["managementAccountId"] }), { nil: undefined }),
        athena: fc.boolean(),
        glacierAfterDays: fc.integer({ min: 1, max: 400 }),
        deepArchiveGap: fc.integer({ min: 90, max: 400 }),
        retentionGap: fc.integer({ min: 180, max: 3000 }),
        allowDeletion: fc.boolean(),
        bucketNamespace: fc.constantFrom("global" as const, "account-regional" as const),
    })
    .map((input): AuditLogBucketArgs => {
        const partition = partitionOf(input.region);
        const role = (name: string) => `arn:${partition}:iam::${input.accountId}:role/${name}`;
        const deepArchiveAfterDays = input.glacierAfterDays + input.deepArchiveGap;
        return {
            accountId: input.accountId,
            region: input.region,
            encryption: input.encryption,
            ...(input.encryption === "SSE_KMS" && input.givenKey ? { kmsKeyArn: `arn:${partition}:kms:${input.region}:${input.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab` } : {}),
            ...(input.organizationId ? { organizationId: input.organizationId } : {}),
            // Central log-archive mode: an organization trail from the management account, member accounts delivering.
            ...(input.organizationId && input.logArchive ? input.logArchive : {}),
            readerArns: input.readers.map((name) => role(`reader-${name}`)),
            sessionManagerWriterArns: input.sessionManagerWriters.map((name) => role(`ssm-${name}`)),
            securityHubWriterArns: input.securityHubWriters.map((name) => role(`firehose-${name}`)),
            // AWS-CFG-150: Config refuses a bucket with Object Lock (s3-config-delivery-no-object-lock), so Object Lock
            // is generated only together with configDelivery: false.
            ...(input.objectLockDays !== undefined && !input.allowDeletion ? { objectLockDays: input.objectLockDays, objectLockMode: input.objectLockMode, configDelivery: false } : {}),
            ...(input.accessLogging === "given" ? { accessLogBucket: "access-logs-target" } : input.accessLogging === "created" ? { createAccessLogBucket: true } : {}),
            glacierAfterDays: input.glacierAfterDays,
            deepArchiveAfterDays,
            // The component accepts retention from 180 days after Deep Archive and from a year (MIN_RETENTION_DAYS,
            // the default of the pack's audit-log-retention): the whole space it accepts.
            retentionDays: Math.max(deepArchiveAfterDays + 180, 365) + input.retentionGap - 180,
            allowDeletion: input.allowDeletion,
            ...(input.athena ? { athena: {} } : {}),
            // AWS-S3-602: a name ending in -<account>-<region>-an is still the component's audit-log bucket to the pack.
            ...(input.bucketNamespace === "account-regional" ? { bucketNamespace: input.bucketNamespace } : {}),
        };
    });

async function componentResources(input: AuditLogBucketArgs, preview: boolean) {
    const run = await runUnderMocks(
        { project: "test", stack: "test", config: {}, identity: { accountId: input.accountId, region: input.region }, preview },
        () => {
            new AuditLogBucket("logs", input);
        },
        { stack: false },
    );
    return run.resources.map(analyzerResource);
}

const mandatory = (violations: Violation[]): string[] => violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message.split("\n").pop()}`);

describe("the component's output under the pack, for any valid arguments", function () {
    this.timeout(240000);
    let pack: PackProcess;
    before(async () => {
        pack = await PackProcess.start();
    });
    after(() => pack?.close());

    it("raises no mandatory violation, as deployed and in a preview, in all three partitions (in process)", async () => {
        const partitions = new Set<string>();
        await fc.assert(
            fc.asyncProperty(args, fc.boolean(), async (input, preview) => {
                fc.pre(validateArgs(input).length === 0);
                partitions.add(partitionOf(input.region));
                const resources = await componentResources(input, preview);
                const violations = inProcessVerdicts(resources, input.allowDeletion ? THROWAWAY : {});
                expect(mandatory(violations), JSON.stringify(input)).to.deep.equal([]);
                expect(violations.filter((v) => v.message.includes("can't run")), JSON.stringify(input)).to.deep.equal([]);
                // AWS-S3-600: every bucket the component creates blocks SSE-C, so the advisory never fires on it.
                expect(violations.filter((v) => v.policy === "audit-log-blocks-sse-c"), JSON.stringify(input)).to.deep.equal([]);
            }),
            { numRuns: 120 },
        );
        expect([...partitions].sort()).to.deep.equal(["aws", "aws-cn", "aws-us-gov"]);
    });

    it("raises no mandatory violation over the Analyzer protocol either", async () => {
        await fc.assert(
            fc.asyncProperty(args, fc.boolean(), async (input, preview) => {
                fc.pre(validateArgs(input).length === 0);
                const resources = await componentResources(input, preview);
                const violations = await pack.verdicts(resources, input.allowDeletion ? THROWAWAY : {});
                expect(mandatory(violations), JSON.stringify(input)).to.deep.equal([]);
            }),
            { numRuns: 25 },
        );
    });

    it("reports the component's audit-log bucket once if its encryption stopped blocking SSE-C (AWS-S3-601)", async () => {
        const declared = await componentResources({ accountId: "123456789012", region: "us-east-1", encryption: "SSE_KMS" }, true);
        const ours = (resources: typeof declared) => inProcessVerdicts(resources).filter((v) => v.policy === "audit-log-blocks-sse-c").map((v) => v.message.split("\n")[1]);
        expect(ours(declared)).to.deep.equal([]);
        const resources = declared.map((resource) =>
            resource.type === "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
                ? { ...resource, properties: { ...resource.properties, rules: (resource.properties.rules as Record<string, unknown>[]).map(({ blockedEncryptionTypes: _blocked, ...rule }) => rule) } }
                : resource,
        );
        expect(ours(resources)).to.deep.equal([
            `bucket "network-compliance-logs-123456789012-us-east-1" (logs-bucket) does not declare SSE-C blocked, so it depends on S3's default, which covers only buckets created since April 2026: set blockedEncryptionTypes: ["SSE-C"] on its default encryption rule.`,
        ]);
    });

    it("needs the throwaway config exactly for allowDeletion: without it, forceDestroy is mandatory", async () => {
        const input: AuditLogBucketArgs = { accountId: "123456789012", region: "us-east-1", allowDeletion: true };
        const violations = await pack.verdicts(await componentResources(input, false));
        expect(violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy)).to.deep.equal(["s3-bucket-no-force-destroy"]);
    });
});
