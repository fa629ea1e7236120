// The argument space of the component and its output under mocks, shared by the property tests that judge it in
// process (componentOutput.test.ts) and over the Analyzer protocol (componentOutputProtocol.test.ts): two files, so
// mocha's two parallel jobs run them side by side instead of one job running both.
import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { AuditLogBucket } from "../../components/auditLogBucket";
import type { AuditLogBucketArgs } from "../../components/args";
import { runUnderMocks } from "../../tools/offline/capture";
import type { PolicyConfigFile } from "../../tools/policy/analyzer";
import { analyzerResource } from "../../tools/policy/fromPlan";
import type { Violation } from "../../tools/policy/violations";

export const THROWAWAY = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policy-pack", "config.throwaway.json"), "utf8")) as PolicyConfigFile;

// One region of each partition the component supports: aws, aws-cn, aws-us-gov.
const REGIONS = { aws: ["us-east-1", "eu-west-1"], "aws-cn": ["cn-north-1"], "aws-us-gov": ["us-gov-west-1"] } as const;
export const partitionOf = (region: string): string => (region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws");

const account = fc.stringMatching(/^\d{12}$/);
const roleName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/);

/** Arguments the component accepts, over its whole space: encryption, principals, Object Lock, logging, deletion. */
export const args: fc.Arbitrary<AuditLogBucketArgs> = fc
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

export async function componentResources(input: AuditLogBucketArgs, preview: boolean) {
    const run = await runUnderMocks(
        { project: "test", stack: "test", config: {}, identity: { accountId: input.accountId, region: input.region }, preview },
        () => {
            new AuditLogBucket("logs", input);
        },
        { stack: false },
    );
    return run.resources.map(analyzerResource);
}

export const mandatory = (violations: Violation[]): string[] => violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message.split("\n").pop()}`);
