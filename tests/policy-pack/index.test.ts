import { expect } from "chai";
import type { Violation } from "../../tools/policy/violations";
import { ACCESS_POINT_CASES, ACCESS_POINT_STYLES, BUCKET_CASES, KEY_CASES, KEY_STYLES, OTHER_CASES, PENDING_CASES, STYLES, caseResources } from "./cases";
import { PackProcess, inProcessVerdicts, key } from "./harness";
import { ALL_BLOCKED, AUDIT, PLAIN, UNKNOWN, cloudTrailWrite, compliantKey, compliantSpec, render, renderAccessPoint, renderKey, rootAdmin, tlsDeny } from "./styles";

const PENDING = "not decided until `pulumi up`";

describe("the policy pack, driven over the Analyzer protocol", function () {
    let pack: PackProcess;
    before(async () => {
        pack = await PackProcess.start();
    });
    after(() => pack?.close());

    const mandatory = (violations: Violation[]): Violation[] => violations.filter((violation) => violation.enforcementLevel === "mandatory");
    const levelOf = (policy: string): string | undefined => pack.info.policies.find((p) => p.name === policy)?.enforcementLevel;

    /** The case's rule must fire at its default level on a resource of the case, with its message, as in process. */
    async function expectRaised(policy: string, resources: ReturnType<typeof render>, message: RegExp, config = {}): Promise<void> {
        const violations = await pack.verdicts(resources, config);
        const raised = violations.filter((violation) => violation.policy === policy);
        expect(raised, JSON.stringify(violations, null, 2)).to.have.length.greaterThan(0);
        const urns = new Set(resources.map((r) => r.urn));
        for (const violation of raised) {
            expect(urns.has(violation.urn), `violation names ${violation.urn}`).to.equal(true);
            expect(violation.enforcementLevel).to.equal(levelOf(policy));
            expect(violation.message.split("\n").slice(1).join("\n")).to.match(message);
        }
        expect(violations.filter((violation) => violation.message.includes("can't run"))).to.deep.equal([]);
        // The in-process harness used for mutation testing must see exactly what the protocol sees.
        expect(inProcessVerdicts(resources, config).map(key).sort()).to.deep.equal(violations.map(key).sort());
    }

    for (const style of STYLES) {
        it(`passes a compliant bucket and a compliant audit-log bucket written as ${style}, with no diagnostic at all`, async () => {
            const resources = [...render(compliantSpec(PLAIN), style), ...render(compliantSpec(AUDIT), style)];
            expect(await pack.verdicts(resources)).to.deep.equal([]);
            expect(await pack.verdicts(render(compliantSpec(AUDIT), style, { unknownBucketIds: true }))).to.deep.equal([]);
        });
    }

    for (const partition of ["aws-cn", "aws-us-gov"]) {
        it(`passes a compliant audit-log bucket whose policy uses the ${partition} partition`, async () => {
            const resources = render(compliantSpec(AUDIT, { statements: [tlsDeny(AUDIT, partition), cloudTrailWrite(AUDIT, partition)] }), "v7 split resources");
            expect(await pack.verdicts(resources)).to.deep.equal([]);
        });
    }

    for (const style of KEY_STYLES) {
        it(`passes a compliant key written as ${style}, and the audit-log bucket it encrypts`, async () => {
            const resources = [...renderKey(compliantKey("logs-key"), style)];
            expect(await pack.verdicts(resources)).to.deep.equal([]);
        });
    }

    for (const row of BUCKET_CASES) {
        for (const style of row.styles ?? STYLES) {
            it(`${row.policy}: reports a bucket that ${row.what}, written as ${style}`, async () => {
                await expectRaised(row.policy, caseResources(row, style), row.message, row.config);
            });
        }
        for (const style of (row.styles ?? STYLES).filter((s) => s === "v7 split resources" || s === "aws-native")) {
            it(`${row.policy}: still reports a bucket that ${row.what} when bucket ids are unknown (a preview, ${style})`, async () => {
                await expectRaised(row.policy, caseResources(row, style, { unknownBucketIds: true }), row.message, row.config);
            });
        }
    }

    for (const row of KEY_CASES) {
        for (const style of row.styles ?? KEY_STYLES) {
            it(`${row.policy}: reports a key that ${row.what.replace(/^(creates|encrypts) /, "")}, written as ${style}`, async () => {
                await expectRaised(row.policy, row.resources(style), row.message);
            });
        }
    }

    for (const style of ACCESS_POINT_STYLES) {
        it(`passes an access point written as ${style} with every setting on, and with the block left out`, async () => {
            expect(await pack.verdicts([...renderAccessPoint({ name: "on-ap", block: ALL_BLOCKED }, style), ...renderAccessPoint({ name: "default-ap" }, style)])).to.deep.equal([]);
        });
    }

    for (const row of ACCESS_POINT_CASES) {
        for (const style of row.styles ?? ACCESS_POINT_STYLES) {
            it(`${row.policy}: reports an access point that ${row.what}, written as ${style}`, async () => {
                await expectRaised(row.policy, renderAccessPoint(row.spec, style), row.message);
            });
        }
    }

    for (const row of OTHER_CASES) {
        it(`${row.policy}: reports a stack that ${row.what}`, async () => {
            await expectRaised(row.policy, row.resources(), row.message);
        });
    }

    for (const row of PENDING_CASES) {
        it(`${row.policy}: says the verdict waits for \`up\` when ${row.what}, on that resource only`, async () => {
            const resources = row.resources();
            const violations = await pack.verdicts(resources);
            expect(mandatory(violations), JSON.stringify(violations, null, 2)).to.deep.equal([]);
            expect(violations.filter((violation) => violation.message.includes("can't run"))).to.deep.equal([]);
            const target = resources.find((r) => r.name === row.on);
            const pending = violations.filter((violation) => violation.policy === row.policy && violation.message.includes(PENDING));
            expect(pending.length, JSON.stringify(violations, null, 2)).to.be.greaterThan(0);
            expect(pending.map((violation) => [violation.enforcementLevel, violation.urn])).to.deep.include(["advisory", target?.urn]);
            expect(inProcessVerdicts(resources).map(key).sort()).to.deep.equal(violations.map(key).sort());
        });
    }

    it("judges a known bucket beside one whose settings are unknown: the unknown verdict stays on its own bucket", async () => {
        const unknownPolicy = render(compliantSpec(AUDIT, { policyDocument: UNKNOWN }), "v7 split resources", { unknownBucketIds: true });
        const broken = render(compliantSpec(PLAIN, { publicAccessBlock: undefined }), "v7 split resources", { unknownBucketIds: true });
        const violations = await pack.verdicts([...unknownPolicy, ...broken]);
        const byPolicy = (level: string) => violations.filter((v) => v.enforcementLevel === level).map((v) => `${v.policy} ${v.urn.split("::").pop()}`);
        expect(byPolicy("mandatory")).to.deep.equal([`s3-bucket-blocks-public-access ${PLAIN}-bucket`]);
        expect(new Set(byPolicy("advisory").map((entry) => entry.split(" ")[1]))).to.deep.equal(new Set([`${AUDIT}-bucket`, `${AUDIT}-policy`]));
    });

    it("allows a public principal when a condition confines it to the organization, and reads grants to other accounts", async () => {
        const statements = [
            tlsDeny(PLAIN),
            { Sid: "OrgRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${PLAIN}/*`, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } },
            { Sid: "OtherAccountRead", Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:role/reader" }, Action: ["s3:GetObject", "s3:ListBucket"], Resource: [`arn:aws:s3:::${PLAIN}`, `arn:aws:s3:::${PLAIN}/*`] },
        ];
        expect(mandatory(await pack.verdicts(render(compliantSpec(PLAIN, { statements }), "v7 split resources"), { "s3-policy-no-cross-account-admin": { accountIds: ["123456789012"] } }))).to.deep.equal([]);
    });

    it("takes the bucket's account from its provider's allowedAccountIds", async () => {
        const provider = { urn: "urn:pulumi:test::fixtures::pulumi:providers:aws::default", type: "pulumi:providers:aws", name: "default", properties: { region: "us-east-1", allowedAccountIds: '["123456789012"]' }, dependencies: [] };
        const grant = (account: string) => ({ Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:role/admin` }, Action: "s3:PutBucketPolicy", Resource: `arn:aws:s3:::${PLAIN}` });
        const withProvider = (account: string) => [provider, ...render(compliantSpec(PLAIN, { statements: [tlsDeny(PLAIN), grant(account)] }), "v7 split resources").map((r) => ({ ...r, provider: `${provider.urn}::id` }))];
        expect(mandatory(await pack.verdicts(withProvider("123456789012")))).to.deep.equal([]);
        expect(mandatory(await pack.verdicts(withProvider("999999999999"))).map((v) => v.policy)).to.deep.equal(["s3-policy-no-cross-account-admin"]);
    });

    it("does not apply audit-log rules to other buckets, and treats a bucket as audit-log by a configured prefix", async () => {
        const short = render(compliantSpec("org-trail-logs", { lifecycle: [{ id: "short", enabled: true, expirationDays: 7, noncurrentDays: 1, abortDays: 1 }] }), "v7 split resources");
        expect(await pack.verdicts(short)).to.deep.equal([]);
        const violations = await pack.verdicts(short, { "audit-log-retention": { bucketNamePrefix: "org-trail-" } });
        expect(violations.map((violation) => violation.policy)).to.deep.equal(["audit-log-retention"]);
    });

    it("downgrades and disables rules through policy config, as the CLI does", async () => {
        const broken = render(compliantSpec(PLAIN, { versioning: undefined }), "v7 split resources");
        const advisory = await pack.verdicts(broken, { "s3-bucket-versioning-enabled": "advisory" });
        expect(advisory.map((violation) => [violation.policy, violation.enforcementLevel])).to.deep.equal([["s3-bucket-versioning-enabled", "advisory"]]);
        expect(await pack.verdicts(broken, { "s3-bucket-versioning-enabled": { enforcementLevel: "disabled" } })).to.deep.equal([]);
    });

    it("leaves a key policy with a root-account administrator and a conditioned service grant alone", async () => {
        const statements = [rootAdmin(), { Sid: "CloudTrail", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:GenerateDataKey*", Resource: "*", Condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:123456789012:trail/*" } } }];
        expect(await pack.verdicts(renderKey(compliantKey("logs-key", { statements }), "aws-native"))).to.deep.equal([]);
    });
});
