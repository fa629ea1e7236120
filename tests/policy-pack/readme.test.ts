import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policy-pack/policies";
import { PackInfo, reconcileConfig } from "../../tools/policy/analyzer";
import { ruleTable } from "../../tools/policy/ruleTable";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the README's policy pack section", () => {
    it("holds exactly the rule table generated from the pack's metadata", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const between = /<!-- rule-table:start -->\n([\s\S]*?)\n<!-- rule-table:end -->/.exec(readme)?.[1];
        expect(between, "the README has no rule-table markers").to.be.a("string");
        expect(between).to.equal(ruleTable());
    });

    it("lists every policy once, with its level, and its anchors", () => {
        const rows = ruleTable().split("\n").slice(2);
        expect(rows.map((row) => row.split(" | ")[0].replace(/^\| `|`$/g, ""))).to.deep.equal(policies.map((policy) => policy.name));
        expect(rows.map((row) => row.split(" | ")[1])).to.deep.equal(policies.map((policy) => policy.enforcementLevel));
        expect(rows.find((row) => row.startsWith("| `audit-log-object-lock`"))).to.include("`minObjectLockDays` (1)").and.include("SH S3.15");
    });

    for (const file of ["config.prod.json", "config.log-archive.json", "config.throwaway.json", "config.remediate.json"]) {
        it(`documents a policy config, ${file}, that the CLI accepts`, () => {
            const config = JSON.parse(fs.readFileSync(path.join(ROOT, "policy-pack", file), "utf8"));
            const info: PackInfo = {
                name: "audit-log-bucket",
                version: "0",
                policies: policies.map((policy) => ({ name: policy.name, description: "", enforcementLevel: policy.enforcementLevel ?? "advisory", configSchema: policy.configSchema as PackInfo["policies"][number]["configSchema"] })),
            };
            expect(() => reconcileConfig(info, config)).to.not.throw();
        });
    }
});
