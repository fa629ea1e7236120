import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPackError, PolicyPackProcess, analyzeWithPack, reconcileConfig } from "../../tools/policy/analyzer";
import { PROJECT_PACK_DIR, ensurePackBuilt } from "../../tools/policy/packDir";
import { changedProperties } from "../../tools/policy/violations";
import { PLAIN, compliantKey, compliantSpec, render, renderKey } from "../policy-pack/styles";
import { StackExportError, readStackExport } from "../../tools/policy/stackExport";
import { resource } from "../support/fixtures";

const PACKS = path.join(__dirname, "..", "fixtures", "packs");

async function failureOf(promise: Promise<unknown>): Promise<{ error: Error; ms: number }> {
    const started = Date.now();
    try {
        await promise;
    } catch (error) {
        return { error: error as Error, ms: Date.now() - started };
    }
    throw new Error("expected a failure");
}

describe("driving a policy pack over the Analyzer protocol", () => {
    it("reports a pack that throws while loading, with what it wrote", async () => {
        const { error } = await failureOf(PolicyPackProcess.start(path.join(PACKS, "throws-at-start")));
        expect(error).to.be.instanceOf(PolicyPackError);
        expect(error.message).to.match(/exited \(code \d+\) before announcing a port/);
        expect(error.message).to.include("this pack fails to load");
    });

    it("gives up on a pack that never announces a port, at the start deadline", async () => {
        const { error, ms } = await failureOf(PolicyPackProcess.start(path.join(PACKS, "never-announces"), { startTimeoutMs: 1500 }));
        expect(error.message).to.match(/did not announce a port within 1500 ms/);
        expect(ms).to.be.lessThan(10000);
    });

    it("refuses a pack that prints something other than its port first", async () => {
        const { error } = await failureOf(PolicyPackProcess.start(path.join(PACKS, "prints-banner")));
        expect(error.message).to.include('printed "loading rules..." where the engine expects its port');
    });

    it("reports a pack that dies during analysis instead of hanging", async () => {
        const run = analyzeWithPack(path.join(PACKS, "crashes-mid-analysis"), [resource("aws:s3/bucket:Bucket", "b", { bucket: "b" })], {
            project: "p",
            stack: "s",
            dryRun: true,
            callTimeoutMs: 5000,
        });
        const { error, ms } = await failureOf(run);
        expect(error).to.be.instanceOf(PolicyPackError);
        expect(error.message).to.match(/^analyze failed/);
        expect(ms).to.be.lessThan(10000);
    });

    it("fills schema defaults and explicit levels into policy config, and rejects unknown names and types", () => {
        const info = {
            name: "pack",
            version: "1",
            policies: [
                { name: "a", description: "", enforcementLevel: "mandatory" as const, configSchema: { properties: { days: { type: "integer", default: 365 } } } },
                { name: "b", description: "", enforcementLevel: "advisory" as const },
            ],
        };
        expect(reconcileConfig(info, {})).to.deep.equal([
            ["a", "mandatory", { days: 365 }],
            ["b", "advisory", {}],
        ]);
        expect(reconcileConfig(info, { all: "disabled", a: { days: 30 } })).to.deep.equal([
            ["a", "disabled", { days: 30 }],
            ["b", "disabled", {}],
        ]);
        expect(() => reconcileConfig(info, { c: "advisory" })).to.throw(/names "c", which pack pack does not have/);
        expect(() => reconcileConfig(info, { a: { days: "many" } })).to.throw(/days must be of type integer/);
        expect(() => reconcileConfig(info, { a: { weeks: 3 } })).to.throw(/unknown property "weeks"/);
        expect(() => reconcileConfig(info, { b: "loud" })).to.throw(/enforcementLevel "loud"/);
    });
});

describe("remediating and analyzing with the project's pack, as the engine does", function () {
    before(() => ensurePackBuilt(PROJECT_PACK_DIR));
    const options = { project: "p", stack: "s", dryRun: true };
    const suspended = () => [...render(compliantSpec(PLAIN, { versioning: "Suspended" }), "v7 split resources"), ...renderKey(compliantKey("k", { rotation: false }), "aws-native")];

    it("applies remediations before Analyze and AnalyzeStack, and returns each with the properties before and after", async () => {
        const resources = suspended();
        const { violations, remediations } = await analyzeWithPack(PROJECT_PACK_DIR, resources, { ...options, policyConfig: { "s3-remediate-versioning": "remediate", "kms-remediate-key-rotation": "remediate" } });
        expect(remediations.map((r) => [r.policy, r.policyPack, r.urn.split("::").pop()])).to.deep.equal([
            ["s3-remediate-versioning", "audit-log-bucket", `${PLAIN}-versioning`],
            ["kms-remediate-key-rotation", "audit-log-bucket", "k"],
        ]);
        expect(changedProperties(remediations[0])).to.deep.equal([{ property: "versioningConfiguration", before: { status: "Suspended" }, after: { status: "Enabled" } }]);
        expect(remediations[0].before).to.deep.equal(resources.find((r) => r.name === `${PLAIN}-versioning`)?.properties);
        // Neither the resource check nor the stack check sees the wrong value any more.
        expect(violations).to.deep.equal([]);
    });

    it("reports the same resources instead when the fixes are only validated, and returns no remediation", async () => {
        const { violations, remediations } = await analyzeWithPack(PROJECT_PACK_DIR, suspended(), { ...options, policyConfig: { "s3-remediate-versioning": "mandatory" } });
        expect(remediations).to.deep.equal([]);
        expect(violations.map((v) => [v.policy, v.enforcementLevel, v.urn.split("::").pop()])).to.deep.equal([
            ["s3-remediate-versioning", "mandatory", `${PLAIN}-versioning`],
            ["kms-key-rotation-enabled", "mandatory", "k"],
            ["s3-bucket-versioning-enabled", "mandatory", `${PLAIN}-bucket`],
        ]);
    });

    it("keeps the resources' order in its verdicts although the Analyze calls are in flight together", async () => {
        const resources = Array.from({ length: 30 }, (_, index) => renderKey(compliantKey(`key-${String(index).padStart(2, "0")}`, { rotation: false }), "aws.kms.Key")).flat();
        const { violations } = await analyzeWithPack(PROJECT_PACK_DIR, resources, options);
        expect(violations.map((v) => v.urn)).to.deep.equal(resources.map((r) => r.urn));
    });
});

describe("reading a stack export", () => {
    const write = (content: string): string => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "export-")), "state.json");
        fs.writeFileSync(file, content);
        return file;
    };

    it("reads a version 3 deployment, skipping resources pending deletion", () => {
        const file = write(
            JSON.stringify({
                version: 3,
                deployment: {
                    resources: [
                        { urn: "urn:pulumi:prod::proj::pulumi:pulumi:Stack::proj-prod", type: "pulumi:pulumi:Stack" },
                        { urn: "urn:pulumi:prod::proj::aws:s3/bucket:Bucket::logs", type: "aws:s3/bucket:Bucket", inputs: { bucket: "logs" }, protect: true },
                        { urn: "urn:pulumi:prod::proj::aws:s3/bucket:Bucket::old", type: "aws:s3/bucket:Bucket", inputs: {}, delete: true },
                    ],
                },
            }),
        );
        const exported = readStackExport(file);
        expect(exported.project).to.equal("proj");
        expect(exported.stack).to.equal("prod");
        expect(exported.resources.map((r) => r.name)).to.deep.equal(["proj-prod", "logs"]);
        expect(exported.resources[1]).to.include({ protect: true });
    });

    for (const [what, content, message] of [
        ["not JSON", "{ nope", /not JSON/],
        ["JSON without a deployment", JSON.stringify({ hello: 1 }), /no "deployment"/],
        ["an older deployment version", JSON.stringify({ version: 2, deployment: { resources: [] } }), /version 2; this reads version 3/],
        ["resources that are not a list", JSON.stringify({ version: 3, deployment: { resources: {} } }), /not a list/],
        ["a resource without a urn", JSON.stringify({ version: 3, deployment: { resources: [{ type: "x" }] } }), /resources\[0\] has no valid urn/],
    ] as const) {
        it(`refuses ${what} with a clear message`, () => {
            expect(() => readStackExport(write(content))).to.throw(StackExportError, message);
        });
    }
});
