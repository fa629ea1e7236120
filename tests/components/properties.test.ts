import { expect } from "chai";
import * as fc from "fast-check";
import { buildBucketPolicy } from "../../components/bucketPolicy";
import { AWS_REGIONS, MINIMUM_STORAGE_DAYS } from "../../components/constants";
import { buildKeyPolicy } from "../../components/keyPolicy";
import { lifecycleRules } from "../../components/lifecycle";
import { bucketName, bucketNameProblems } from "../../components/naming";
import { DEFAULT_PREFIXES } from "../../components/prefixes";
import type { PolicyDocument } from "../../components/policyDocument";
import { validateArgs } from "../../components/validation";

const account = fc.stringMatching(/^\d{12}$/);
const region = fc.constantFrom(...AWS_REGIONS);
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const namePrefix = fc.array(label, { minLength: 1, maxLength: 3 }).map((labels) => labels.join("-"));
const role = fc.tuple(account, fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,20}$/)).map(([id, name]) => `arn:aws:iam::${id}:role/${name}`);
const prefix = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}\/$/);

/** Any valid lifecycle: Glacier from day 1, Deep Archive at least 90 days later, retention at least 180 after that. */
const lifecycle = fc
    .record({ glacier: fc.integer({ min: 1, max: 3000 }), deepGap: fc.integer({ min: 90, max: 3000 }), retentionGap: fc.integer({ min: 180, max: 5000 }), noncurrent: fc.integer({ min: 1, max: 3650 }) })
    .map(({ glacier, deepGap, retentionGap, noncurrent }) => ({
        glacierAfterDays: glacier,
        deepArchiveAfterDays: glacier + deepGap,
        // Retention is also at least a year (MIN_RETENTION_DAYS).
        retentionDays: Math.max(glacier + deepGap + retentionGap, 365),
        noncurrentVersionExpirationDays: noncurrent,
    }));

function expirationOf(rules: ReturnType<typeof lifecycleRules>): number {
    return rules.map((rule) => rule.expiration?.days).find((value) => value !== undefined) as number;
}

function grantsPublicPrincipal(document: PolicyDocument): boolean {
    return document.Statement.some((statement) => {
        if (statement.Effect !== "Allow") {
            return false;
        }
        const principal = statement.Principal;
        return principal === "*" || [principal.AWS ?? []].flat().includes("*");
    });
}

describe("builder properties (fast-check)", () => {
    it("gives every valid account, region and prefix a bucket name S3 accepts", () => {
        fc.assert(
            fc.property(namePrefix, account, region, (prefixValue, accountId, regionValue) => {
                const name = bucketName(prefixValue, accountId, regionValue);
                fc.pre(name.length <= 63 && !prefixValue.startsWith("xn--") && !prefixValue.startsWith("sthree-"));
                expect(bucketNameProblems(name)).to.deep.equal([]);
                expect(validateArgs({ accountId, region: regionValue, namePrefix: prefixValue })).to.deep.equal([]);
            }),
        );
    });

    it("gives different accounts or regions different bucket names", () => {
        fc.assert(
            fc.property(namePrefix, account, region, account, region, (prefixValue, a1, r1, a2, r2) => {
                fc.pre(a1 !== a2 || r1 !== r2);
                expect(bucketName(prefixValue, a1, r1)).not.to.equal(bucketName(prefixValue, a2, r2));
            }),
        );
    });

    it("orders transitions and respects each storage class's minimum duration, for any valid lifecycle", () => {
        fc.assert(
            fc.property(lifecycle, fc.integer({ min: 0, max: 10_000_000 }), (days, size) => {
                expect(validateArgs({ accountId: "123456789012", region: "us-east-1", ...days })).to.deep.equal([]);
                const rules = lifecycleRules({ ...days, archiveMinObjectBytes: size, instantRetrievalMinObjectBytes: Math.floor(size / 2) });
                const transitions = rules.filter((rule) => rule.id === "archive-audit-logs").flatMap((rule) => rule.transitions ?? []);
                const instant = rules.filter((rule) => rule.id === "archive-small-audit-logs").flatMap((rule) => rule.transitions ?? []);
                for (const transition of instant) {
                    expect(transition.storageClass).to.equal("GLACIER_IR");
                    expect(expirationOf(rules) - transition.days).to.be.at.least(MINIMUM_STORAGE_DAYS.GLACIER_IR);
                }
                const expiration = rules.map((rule) => rule.expiration?.days).find((value) => value !== undefined) as number;
                expect(transitions.map((t) => t.storageClass)).to.deep.equal(["GLACIER", "DEEP_ARCHIVE"]);
                expect(transitions[1].days - transitions[0].days).to.be.at.least(MINIMUM_STORAGE_DAYS.GLACIER);
                expect(expiration - transitions[1].days).to.be.at.least(MINIMUM_STORAGE_DAYS.DEEP_ARCHIVE);
            }),
        );
    });

    it("refuses every lifecycle whose tiers are out of order or inside a minimum duration", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 6000 }), (glacier, deep, retention) => {
                fc.pre(deep - glacier < MINIMUM_STORAGE_DAYS.GLACIER || retention - deep < MINIMUM_STORAGE_DAYS.DEEP_ARCHIVE);
                const problems = validateArgs({ accountId: "123456789012", region: "us-east-1", glacierAfterDays: glacier, deepArchiveAfterDays: deep, retentionDays: retention });
                expect(problems.map((p) => p.field)).to.satisfy((fields: string[]) => fields.includes("deepArchiveAfterDays") || fields.includes("retentionDays"));
            }),
        );
    });

    it("builds policies that parse, have unique Sids and never grant a public principal, for any valid inputs", () => {
        const inputs = fc.record({
            accountId: account,
            regionValue: region,
            prefixValue: namePrefix,
            organizationId: fc.option(fc.stringMatching(/^o-[a-z0-9]{10}$/), { nil: undefined }),
            cloudTrailArns: fc.array(fc.tuple(region, fc.stringMatching(/^[a-z0-9-]{3,20}$/)), { maxLength: 3 }),
            readerArns: fc.uniqueArray(role, { maxLength: 4 }),
            sessionManagerWriterArns: fc.uniqueArray(role, { maxLength: 2 }),
            securityHubWriterArns: fc.uniqueArray(role, { maxLength: 2 }),
            prefixes: fc.uniqueArray(prefix, { minLength: 4, maxLength: 4 }),
        });
        fc.assert(
            fc.property(inputs, (input) => {
                const cloudTrailArns = input.cloudTrailArns.map(([r, name]) => `arn:aws:cloudtrail:${r}:${input.accountId}:trail/${name}`);
                const [cloudTrail, config, sessionManager, securityHub] = input.prefixes;
                const prefixes = { ...DEFAULT_PREFIXES, cloudTrail, config, sessionManager, securityHub };
                const documents = [
                    buildBucketPolicy({
                        partition: "aws",
                        accountId: input.accountId,
                        bucketName: bucketName(input.prefixValue, input.accountId, input.regionValue),
                        prefixes,
                        cloudTrailArns,
                        organizationId: input.organizationId,
                        readerArns: input.readerArns,
                        sessionManagerWriterArns: input.sessionManagerWriterArns,
                        securityHubWriterArns: input.securityHubWriterArns,
                    }),
                    buildKeyPolicy({ partition: "aws", accountId: input.accountId, region: input.regionValue, cloudTrailArns, organizationId: input.organizationId, readerArns: input.readerArns, writerArns: [...input.sessionManagerWriterArns, ...input.securityHubWriterArns] }),
                ];
                for (const document of documents) {
                    const parsed = JSON.parse(JSON.stringify(document)) as PolicyDocument;
                    expect(parsed).to.deep.equal(document);
                    const sids = parsed.Statement.map((statement) => statement.Sid);
                    expect(new Set(sids).size).to.equal(sids.length);
                    expect(grantsPublicPrincipal(parsed)).to.equal(false);
                }
            }),
        );
    });
});
