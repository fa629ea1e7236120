import { expect } from "chai";
import { PolicyConfigError, configProblems, policies, policyNames } from "../../policy-pack/library";
import { policies as packPolicies } from "../../policy-pack/policies";

describe("the rules as a library (audit-log-bucket/policy-pack)", () => {
    it("names every policy of the pack, in its order", () => {
        expect(policyNames()).to.deep.equal(packPolicies.map((policy) => policy.name));
    });

    const BAD: { name: string; config: Record<string, unknown>; problem: string }[] = [
        { name: "an unknown policy", config: { "s3-bucket-is-pink": "mandatory" }, problem: '"s3-bucket-is-pink" is not a policy of the pack' },
        { name: "an unknown level", config: { "audit-log-retention": "fatal" }, problem: 'audit-log-retention: enforcementLevel "fatal" is not a level' },
        { name: "a bad all", config: { all: "strict" }, problem: 'all: "strict" is not a level' },
        { name: "an unknown knob", config: { "audit-log-retention": { minRetentionYears: 7 } }, problem: 'audit-log-retention: unknown setting "minRetentionYears"' },
        { name: "a knob of the wrong type", config: { "audit-log-retention": { minRetentionDays: "730" } }, problem: "audit-log-retention: minRetentionDays must be of type" },
    ];
    for (const { name, config, problem } of BAD) {
        it(`refuses ${name}, naming it, against the schema the pack validates`, () => {
            expect(configProblems(config as never).join("\n")).to.include(problem);
            expect(() => policies(config as never)).to.throw(PolicyConfigError, problem);
        });
    }

    it("collects every problem of a config at once", () => {
        expect(configProblems({ all: "strict" as never, "no-such-policy": "advisory", "audit-log-retention": "fatal" as never })).to.have.length(3);
    });

    it("applies levels (the policy's own, else all, else its default) and makes knobs its schema's defaults", () => {
        const configured = policies({ all: "advisory", "audit-log-object-lock": "mandatory", "audit-log-retention": { enforcementLevel: "mandatory", minRetentionDays: 730 } });
        const byName = new Map(configured.map((policy) => [policy.name, policy]));
        expect(byName.get("audit-log-object-lock")?.enforcementLevel).to.equal("mandatory");
        expect(byName.get("s3-bucket-owner-enforced")?.enforcementLevel).to.equal("advisory");
        expect(byName.get("audit-log-retention")?.enforcementLevel).to.equal("mandatory");
        expect((byName.get("audit-log-retention")?.configSchema?.properties.minRetentionDays as { default?: unknown }).default).to.equal(730);
        expect(configured).to.have.length(packPolicies.length);
        // The pack's own policies are left as they were.
        expect(packPolicies.find((policy) => policy.name === "s3-bucket-owner-enforced")?.enforcementLevel).to.equal("mandatory");
    });

    it("leaves every policy at its own level with no config", () => {
        expect(policies().map((policy) => policy.enforcementLevel)).to.deep.equal(packPolicies.map((policy) => policy.enforcementLevel));
    });
});
