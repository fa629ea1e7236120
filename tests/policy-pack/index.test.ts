import { expect } from "chai";
import type { Violation } from "../../tools/policy/violations";
import { compliantBucket, resource, tlsDeny, withChange } from "../support/fixtures";
import { AUDIT, PLAIN, VIOLATIONS } from "./cases";
import { inProcessVerdicts } from "../support/inProcessPack";
import { PackUnderTest } from "../support/pack";

describe("the policy pack, driven over the Analyzer protocol", function () {
    let pack: PackUnderTest;
    before(async () => {
        pack = await PackUnderTest.start();
    });
    after(() => pack?.close());

    const mandatory = (violations: Violation[]): Violation[] => violations.filter((violation) => violation.enforcementLevel === "mandatory");

    it("passes a compliant hand-written bucket and a compliant audit-log bucket with no violation at all", async () => {
        expect(await pack.verdicts([...compliantBucket(PLAIN), ...compliantBucket(AUDIT)])).to.deep.equal([]);
    });

    it("passes a key with rotation and leaves asymmetric keys alone", async () => {
        const keys = [resource("aws:kms/key:Key", "rotating", { enableKeyRotation: true }), resource("aws:kms/key:Key", "signing", { keyUsage: "SIGN_VERIFY", customerMasterKeySpec: "RSA_2048" })];
        expect(await pack.verdicts(keys)).to.deep.equal([]);
    });

    it("allows a public principal when a condition confines it to the organization", async () => {
        const statements = [tlsDeny(PLAIN), { Sid: "OrgRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${PLAIN}/*`, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }];
        expect(mandatory(await pack.verdicts(compliantBucket(PLAIN, { statements })))).to.deep.equal([]);
    });

    it("does not apply audit-log rules to other buckets", async () => {
        const short = compliantBucket(PLAIN, { lifecycleRules: [{ id: "short", status: "Enabled", expiration: { days: 7 } }] });
        expect(await pack.verdicts(short)).to.deep.equal([]);
    });

    it("treats a bucket as audit-log by a configured name prefix", async () => {
        const short = compliantBucket("org-trail-logs", { lifecycleRules: [{ id: "short", status: "Enabled", expiration: { days: 7 }, noncurrentVersionExpiration: { noncurrentDays: 1 } }] });
        const violations = await pack.verdicts(short, { "audit-log-retention": { bucketNamePrefix: "org-trail-" } });
        expect(violations.map((violation) => violation.policy)).to.deep.equal(["audit-log-retention"]);
    });

    it("downgrades and disables rules through policy config, as the CLI does", async () => {
        const broken = withChange(compliantBucket(PLAIN), "versioning", undefined);
        const advisory = await pack.verdicts(broken, { "s3-bucket-versioning-enabled": "advisory" });
        expect(advisory.map((violation) => [violation.policy, violation.enforcementLevel])).to.deep.equal([["s3-bucket-versioning-enabled", "advisory"]]);
        expect(await pack.verdicts(broken, { "s3-bucket-versioning-enabled": { enforcementLevel: "disabled" } })).to.deep.equal([]);
    });

    for (const [policy, what, resources, config] of VIOLATIONS) {
        it(`${policy}: reports a bucket that ${what}`, async () => {
            const given = resources();
            const violations = await pack.verdicts(given, config as Record<string, never> | undefined);
            const raised = violations.filter((violation) => violation.policy === policy);
            expect(raised, JSON.stringify(violations, null, 2)).to.have.length.greaterThan(0);
            const urns = new Set(given.map((r) => r.urn));
            for (const violation of raised) {
                expect(urns.has(violation.urn), `violation names ${violation.urn}`).to.equal(true);
                expect(violation.message).to.match(/: |set|add|remove/);
            }
            const expected = pack.info.policies.find((p) => p.name === policy)?.enforcementLevel;
            expect(raised[0].enforcementLevel).to.equal(expected);
            // The in-process harness used for mutation testing must see exactly what the protocol sees.
            const key = (v: Violation): string => `${v.policy}|${v.enforcementLevel}|${v.urn}|${v.message}`;
            expect(inProcessVerdicts(given, config as Record<string, never> | undefined).map(key).sort()).to.deep.equal(violations.map(key).sort());
        });
    }
});
