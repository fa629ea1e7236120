import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { AnalyzerResource } from "../../tools/policy/analyzer";
import { freshExportName } from "../../tools/policy/stackExport";
import { AUDIT, compliantKey, compliantSpec, render, renderKey } from "../policy-pack/styles";
import { TS_LOADER } from "../support/toolProcess";

const ROOT = path.resolve(__dirname, "..", "..");

function audit(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [...TS_LOADER, path.join(ROOT, "tools", "audit.ts"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A `pulumi stack export` (deployment version 3) of the given resources. */
function exportFile(resources: AnalyzerResource[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-"));
    const file = path.join(dir, "state.json");
    const deployment = { resources: resources.map((r) => ({ urn: r.urn, type: r.type, inputs: r.properties, propertyDependencies: r.propertyDependencies ?? {} })) };
    fs.writeFileSync(file, JSON.stringify({ version: 3, deployment }));
    return file;
}

const drifted = (): AnalyzerResource[] => [
    ...render(compliantSpec(AUDIT, { versioning: "Suspended", encryption: { algorithm: "aws:kms", kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", bucketKey: false } }), "v7 split resources"),
    ...renderKey(compliantKey("logs-key", { rotation: false }), "aws.kms.Key"),
];

describe("npm run audit --remediate", () => {
    it("prints each remediation with the properties before and after, and the verdicts that remain, as JSON", () => {
        const { status, stdout } = audit(["--state", exportFile(drifted()), "--remediate", "--json"]);
        expect(status, stdout).to.equal(1);
        const report = JSON.parse(stdout);
        expect(report.remediations.map((r: { policy: string }) => r.policy).sort()).to.deep.equal(["kms-remediate-key-rotation", "s3-remediate-bucket-key", "s3-remediate-versioning"]);
        const versioning = report.remediations.find((r: { policy: string }) => r.policy === "s3-remediate-versioning");
        expect(versioning.urn).to.match(/BucketVersioning::network-compliance-logs-123456789012-us-east-1-versioning$/);
        expect(versioning.before.versioningConfiguration).to.deep.equal({ status: "Suspended" });
        expect(versioning.after.versioningConfiguration).to.deep.equal({ status: "Enabled" });
        // The remediated settings pass the stack checks that read them; nothing mandatory remains.
        expect(report.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory")).to.deep.equal([]);
        expect(report.summary).to.include({ remediations: 3, mandatory: 0 });
    });

    it("without --remediate, reports the same drift as mandatory violations", () => {
        const { status, stdout } = audit(["--state", exportFile(drifted()), "--json"]);
        expect(status).to.equal(1);
        const report = JSON.parse(stdout);
        expect(report.remediations).to.deep.equal([]);
        expect(report.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory").map((v: { policy: string }) => v.policy).sort()).to.deep.equal([
            "kms-key-rotation-enabled",
            "s3-bucket-encryption-declared",
            "s3-bucket-versioning-enabled",
        ]);
    });

    it("prints remediations readably, one changed property per line", () => {
        const { status, stdout } = audit(["--state", exportFile(drifted()), "--remediate"]);
        expect(status).to.equal(1);
        expect(stdout).to.match(/\[remediated\] s3-remediate-versioning {2}urn:pulumi:.*-versioning\n {6}versioningConfiguration: \{"status":"Suspended"\} -> \{"status":"Enabled"\}\n/);
        expect(stdout).to.match(/\[remediated\] kms-remediate-key-rotation .*\n {6}enableKeyRotation: false -> true\n/);
        expect(stdout).to.include("3 remediation(s) applied to the export, not to AWS; 0 mandatory");
    });

    it("exits 0 with nothing to remediate on a compliant export", () => {
        const { status, stdout } = audit(["--state", exportFile(render(compliantSpec(AUDIT), "aws-native")), "--remediate", "--json"]);
        expect(status, stdout).to.equal(0);
        expect(JSON.parse(stdout).remediations).to.deep.equal([]);
    });
});

describe("npm run audit, bad input", () => {
    it("names a --policy-pack directory that does not exist, not node", () => {
        const { status, stderr } = audit(["--state", exportFile([]), "--policy-pack", "nope"]);
        expect(status).to.equal(2);
        expect(stderr).to.include(`policy pack directory ${path.join(ROOT, "nope")} does not exist`);
        expect(stderr).to.not.include("ENOENT");
    });

    it("names a directory that is not a policy pack, with what the pack wrote", () => {
        const { status, stderr } = audit(["--state", exportFile([]), "--policy-pack", "tests"]);
        expect(status).to.equal(2);
        expect(stderr).to.include(`policy pack ${path.join(ROOT, "tests")} exited`);
        expect(stderr).to.not.match(/\n\s+at /);
    });

    it("never suggests exporting over the file it was given", () => {
        const { status, stderr } = audit(["--state", "package.json"]);
        expect(status).to.equal(2);
        expect(stderr).to.include("pulumi stack export --file stack-export.json");
        expect(stderr).to.not.include("--file package.json");
    });

    it("suggests the first export file name that does not exist yet", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "names-"));
        fs.writeFileSync(path.join(dir, "stack-export.json"), "{}");
        expect(freshExportName(path.join(dir, "stack-export.json"))).to.equal(path.join(dir, "stack-export-1.json"));
        expect(freshExportName(path.join(dir, "other.json"))).to.equal(path.join(dir, "stack-export-1.json"));
        fs.rmSync(path.join(dir, "stack-export.json"));
        expect(freshExportName(path.join(dir, "other.json"))).to.equal(path.join(dir, "stack-export.json"));
    });
});
