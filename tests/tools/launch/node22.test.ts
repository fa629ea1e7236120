import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const NODE_22 = path.join(ROOT, "node_modules", ".bin", "node");

/** What an S3 client writes to stderr when it is created on `node`. */
function clientWarnings(node: string): string {
    const script = 'const { S3Client } = require("@aws-sdk/client-s3"); new S3Client({ region: "us-east-1" }); setTimeout(() => undefined, 50);';
    const result = spawnSync(node, ["-e", script], { cwd: ROOT, encoding: "utf8", env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "" } });
    expect(result.status, result.stderr).to.equal(0);
    return result.stderr;
}

describe("Node 22, said the same way everywhere", () => {
    it("requires Node >= 22 in package.json, the README, CI and every workflow job", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        expect(manifest.engines).to.deep.equal({ node: ">=22" });
        expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).to.include("**Node.js ≥ 22**");
        const workflow = yaml.load(fs.readFileSync(path.join(ROOT, ".github", "workflows", "pull-request.yml"), "utf8")) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
        for (const [name, job] of Object.entries(workflow.jobs)) {
            for (const step of job.steps.filter((candidate) => candidate.uses?.startsWith("actions/setup-node"))) {
                expect(step.with?.["node-version"], name).to.equal(22);
            }
        }
        expect(fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8")).to.include("v22.*");
    });

    it("runs the repository on the npm registry's node@22 package: node_modules/.bin/node is Node 22", () => {
        expect(manifest().devDependencies.node).to.match(/^\^?22/);
        const version = spawnSync(NODE_22, ["--version"], { encoding: "utf8" }).stdout.trim();
        expect(version).to.match(/^v22\./);
    });

    it("leaves no AWS SDK warning to ignore on Node 22, where an older Node gets the SDK's NodeVersionSupportWarning (AWS-SDK-500)", () => {
        expect(clientWarnings(NODE_22)).not.to.include("NodeVersionSupportWarning");
        if (Number(process.versions.node.split(".")[0]) < 22) {
            // The contrast that shows the check can fail: the same client on this older Node warns.
            expect(clientWarnings(process.execPath)).to.include("NodeVersionSupportWarning");
        }
    });
});

function manifest(): { devDependencies: Record<string, string> } {
    return JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
}
