import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TS_LOADER } from "../../support/toolProcess";

const ROOT = path.resolve(__dirname, "..", "..", "..");

/**
 * Runs a command as package.json does, its stdout read through a pipe by a reader that waits a second first: the
 * pipe's 64 KiB fill up and the rest is still queued in the command when it is done. A command that exits without
 * waiting for stdout to drain loses that rest (the issue saw 65,536 of 307,809 bytes).
 */
function throughSlowPipe(tool: string, args: string[], preload: string[] = []): { status: number; stdout: string; stderr: string } {
    const script = '"$@" | (sleep 1; cat); exit "${PIPESTATUS[0]}"';
    const command = [process.execPath, ...preload, ...TS_LOADER, path.join(ROOT, "tools", `${tool}.ts`), ...args];
    const result = spawnSync("bash", ["-c", script, "bash", ...command], { cwd: ROOT, encoding: "utf8", timeout: 90000, maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function scratch(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** 320 deployed buckets with nothing around them: each has eight mandatory violations, 4 kB of report. */
function bigExport(dir: string): string {
    const resources = Array.from({ length: 320 }, (_, index) => {
        const properties = { bucket: `pipes-logs-${index}`, forceDestroy: true, arn: `arn:aws:s3:::pipes-logs-${index}` };
        return { urn: `urn:pulumi:big::pipes::aws:s3/bucket:Bucket::logs-${index}`, type: "aws:s3/bucket:Bucket", custom: true, id: properties.bucket, inputs: properties, outputs: properties };
    });
    const file = path.join(dir, "big.json");
    fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { resources } }));
    return file;
}

describe("every --json command's output through a pipe", () => {
    it("audit: a document over 1 MB arrives whole, the exit status kept", () => {
        const dir = scratch("pipes-");
        const { status, stdout, stderr } = throughSlowPipe("audit", ["--state", bigExport(dir), "--json"], ["-r", "./tools/launch/startPack.js"]);
        expect(Buffer.byteLength(stdout), stderr).to.be.greaterThan(1024 * 1024);
        const report = JSON.parse(stdout);
        expect(report.summary.resources).to.equal(320);
        expect(report.violations.filter((violation: { policy: string }) => violation.policy === "s3-bucket-no-force-destroy")).to.have.length(320);
        expect(status).to.equal(1);
    });

    const SMALLER: [string, string[], string[], (document: any) => void][] = [
        ["preview", ["--stack", "prod", "--json"], ["-r", "./tools/launch/startPack.js"], (document) => expect(document.summary.resources).to.equal(document.resources.length)],
        ["preview", ["--all", "--json"], ["-r", "./tools/launch/startPack.js"], (document) => expect(document.stacks).to.have.length(document.summary.stacks)],
        ["cost", ["--stack", "prod", "--json"], [], (document) => expect(document.byMonth).to.have.length(84)],
        ["stacks", ["--json"], [], (document) => expect(document.map((entry: { stack: string }) => entry.stack)).to.include("prod")],
    ];
    for (const [tool, args, preload, check] of SMALLER) {
        it(`${tool} ${args.join(" ")}: one whole JSON document`, () => {
            const { status, stdout, stderr } = throughSlowPipe(tool, args, preload);
            expect(status, stderr).to.be.oneOf([0, 1]);
            check(JSON.parse(stdout));
        });
    }

    it("new-stack --json: what was written, whole", () => {
        const dir = scratch("pipes-stacks-");
        fs.copyFileSync(path.join(ROOT, "stacks", "Pulumi.dev.yaml"), path.join(dir, "Pulumi.dev.yaml"));
        const { status, stdout, stderr } = throughSlowPipe("newStack", ["--account", "222222222222", "--region", "eu-central-1", "--stacks-dir", dir, "--json"]);
        expect(status, stderr).to.equal(0);
        expect(JSON.parse(stdout).written.map((entry: { stack: string }) => entry.stack)).to.deep.equal(["222222222222-eu-central-1"]);
    });
});
