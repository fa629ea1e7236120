import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planStack } from "../../tools/offline/plan";
import { planAsStackExport } from "../../tools/offline/stackExport";
import { TS_LOADER } from "../support/toolProcess";

const ROOT = path.resolve(__dirname, "..", "..");

function run(tool: "preview" | "audit" | "cost" | "accessMatrix", args: string[]): { status: number | null; stdout: string; stderr: string } {
    // The commands package.json runs; the preview preloads the pack starter as `npm run preview` does.
    const preload = tool === "preview" ? ["-r", "./tools/launch/startPack.js"] : [];
    const result = spawnSync(process.execPath, [...preload, ...TS_LOADER, path.join(ROOT, "tools", `${tool}.ts`), ...args], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, content: unknown): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cli-")), name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
}

describe("npm run preview", () => {
    it("prints one JSON document for the dev stack, with advisories and no mandatory violation", () => {
        const { status, stdout } = run("preview", ["--stack", "dev", "--json"]);
        expect(status).to.equal(0);
        const document = JSON.parse(stdout);
        expect(Object.keys(document)).to.include.members(["stack", "resources", "violations", "summary"]);
        expect(document.stack).to.equal("dev");
        const bucket = document.resources.find((r: { type: string }) => r.type === "aws:s3/bucket:Bucket");
        expect(Object.keys(bucket).sort()).to.deep.equal(["dependsOn", "inputs", "name", "parent", "protect", "retainOnDelete", "type", "urn"]);
        expect(bucket.inputs.bucket).to.equal("network-compliance-logs-111111111111-eu-west-1");
        const policy = document.resources.find((r: { type: string }) => r.type === "aws:s3/bucketPolicy:BucketPolicy");
        expect(policy.inputs.policy).to.be.a("string");
        expect(document.summary.mandatory).to.equal(0);
        expect(document.violations.map((v: { enforcementLevel: string }) => v.enforcementLevel)).to.deep.equal(document.violations.map(() => "advisory"));
        expect(document.violations.map((v: { policy: string }) => v.policy)).to.include.members(["audit-log-access-logging", "audit-log-object-lock"]);
        for (const violation of document.violations) {
            expect(Object.keys(violation)).to.include.members(["policyPack", "policy", "enforcementLevel", "urn", "message"]);
            expect(violation.urn).to.equal(bucket.urn);
        }
    });

    it("prints a readable plan of the prod stack with no mandatory violation", () => {
        const { status, stdout } = run("preview", ["--stack", "prod"]);
        expect(status, stdout).to.equal(0);
        expect(stdout).to.match(/aws:kms\/key:Key\s+audit-logs-key\s+create\s+\[protect,retainOnDelete\]/);
        expect(stdout).to.include("objectOwnership=BucketOwnerEnforced");
        expect(stdout).not.to.include("[mandatory]");
        expect(stdout).not.to.include("preview failed");
        expect(stdout).to.include("+ 32 to create");
    });

    it("exits 2 on bad config from -c, naming the config key and the rule", () => {
        const { status, stdout } = run("preview", ["--stack", "dev", "--json", "-c", "retentionDays=seven-years", "-c", "audit-log-bucket:readerArns=[\"*\"]"]);
        expect(status).to.equal(2);
        const { error } = JSON.parse(stdout);
        const fields = error.problems.map((p: { field: string; configKey: string }) => `${p.field}@${p.configKey}`);
        expect(fields).to.deep.equal(["retentionDays@audit-log-bucket:retentionDays", "readerArns[0]@audit-log-bucket:readerArns"]);
        expect(error.message).to.include('must be a number');
    });

    it("exits 1 when policy config makes a violated rule mandatory", () => {
        const config = tempFile("policy.json", { "audit-log-object-lock": "mandatory" });
        const { status, stdout } = run("preview", ["--stack", "dev", "--policy-config", config]);
        expect(status).to.equal(1);
        expect(stdout).to.match(/\[mandatory\]\s+audit-log-bucket: audit-log-object-lock/);
    });

    it("exits 2 for a stack that has no config file, listing the stacks", () => {
        const { status, stderr } = run("preview", ["--stack", "staging"]);
        expect(status).to.equal(2);
        expect(stderr).to.include('no stack "staging"');
        const stacks = fs.readdirSync(path.join(ROOT, "stacks")).map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1]).filter(Boolean).sort();
        expect(stderr).to.include(`stacks: ${stacks.join(", ")}`);
    });
});

describe("npm run audit", () => {
    let compliant: Record<string, any>;
    before(async () => {
        compliant = planAsStackExport(await planStack({ stack: "prod", asDeployed: true }));
    });

    it("passes the deployed prod stack", () => {
        const { status, stdout } = run("audit", ["--state", tempFile("prod.json", compliant), "--json"]);
        expect(status, stdout).to.equal(0);
        const report = JSON.parse(stdout);
        // Prod leaves nothing out now: replication (S3.7) goes to the vault, event notifications (S3.11) to EventBridge.
        // The vault is an audit-log bucket to the pack: its own advisories (access logging, notifications) stand beside the source's
        // replication verdict, undecided in an export without the default provider's region.
        expect(report.violations.map((v: { policy: string }) => v.policy).sort()).to.deep.equal(["audit-log-access-logging", "audit-log-event-notifications", "audit-log-replication"]);
        expect(report.summary).to.include({ resources: compliant.deployment.resources.length, mandatory: 0, advisory: 3 });
    });

    it("exits 1 on a deployed bucket that was changed to force-destroy and public-read", () => {
        const broken = JSON.parse(JSON.stringify(compliant));
        const bucket = broken.deployment.resources.find((r: { type: string }) => r.type === "aws:s3/bucket:Bucket");
        bucket.inputs.forceDestroy = true;
        bucket.inputs.acl = "public-read";
        const { status, stdout } = run("audit", ["--state", tempFile("broken.json", broken), "--json"]);
        expect(status).to.equal(1);
        const policies = JSON.parse(stdout)
            .violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory")
            .map((v: { policy: string }) => v.policy)
            .sort();
        expect(policies).to.deep.equal(["s3-bucket-no-force-destroy", "s3-no-public-acl"]);
    });

    it("exits 2 with a message, not a stack trace, on a file that is not a stack export", () => {
        const { status, stderr } = run("audit", ["--state", tempFile("notes.json", { hello: "world" })]);
        expect(status).to.equal(2);
        expect(stderr).to.include('is not a stack export: it has no "deployment"');
        expect(stderr).not.to.match(/\n\s+at /);
    });
});

describe("npm run cost", () => {
    it("prints the JSON fields a reader compares, for the prod stack", () => {
        const { status, stdout } = run("cost", ["--stack", "prod", "--gb-per-month", "10", "--objects-per-month", "100000", "--json"]);
        expect(status).to.equal(0);
        const cost = JSON.parse(stdout);
        expect(cost.byMonth).to.have.length(84);
        expect(cost.totalUsd).to.be.closeTo(cost.byMonth.reduce((sum: number, m: { usd: number }) => sum + m.usd, 0), 0.5);
        expect(cost.alternatives.map((a: { name: string }) => a.name)).to.include("S3 Standard only");
        expect(cost.kmsRequests).to.deep.equal({ withBucketKey: 84 * 1000, withoutBucketKey: 84 * 100000 });
        expect(cost.tiers).to.deep.equal(["STANDARD", "GLACIER_IR@90d"]);
    });

    const BAD_COST_INPUT: [string[], string][] = [
        [["--gb-per-month", "lots"], '--gb-per-month must be a positive number, got "lots"'],
        [["--gb-per-month", "0"], '--gb-per-month must be a positive number, got "0"'],
        [["--objects-per-month", "0.5"], '--objects-per-month must be a number of objects, 1 or more, got "0.5"'],
        [["--noncurrent-fraction", "abc"], '--noncurrent-fraction must be a fraction from 0 to 1, got "abc"'],
        [["--noncurrent-fraction=-1"], '--noncurrent-fraction must be a fraction from 0 to 1, got "-1"'],
        [["--noncurrent-fraction", "2"], '--noncurrent-fraction must be a fraction from 0 to 1, got "2"'],
        [["--years", "0.01"], '--years must be a positive whole number of months, in years (e.g. 1, 0.5, 7), got "0.01"'],
        [["--years", "0"], '--years must be a positive whole number of months, in years (e.g. 1, 0.5, 7), got "0"'],
    ];
    for (const [args, message] of BAD_COST_INPUT) {
        it(`exits 2 on ${args.join(" ")}, naming the flag, the value and the rule`, () => {
            const { status, stdout, stderr } = run("cost", ["--stack", "dev", ...args]);
            expect(status).to.equal(2);
            expect(stderr).to.include(message);
            expect(stdout).to.equal("");
        });
    }

    it("flags a stack whose archive tiers cost more than Standard, naming them, with exit status 1", () => {
        // dev keeps files one year: 210 KB files sent to Glacier at day 90 never repay the transition and overhead.
        const { status, stdout } = run("cost", ["--stack", "dev", "--objects-per-month", "50000", "--json"]);
        expect(status).to.equal(1);
        const { archiving } = JSON.parse(stdout);
        expect(archiving).to.deep.include({ paysForItself: false, tiersThatDoNotPay: ["GLACIER@90d", "DEEP_ARCHIVE@180d"] });
        expect(archiving.archivingUsd).to.be.greaterThan(archiving.standardOnlyUsd);
        const text = run("cost", ["--stack", "dev", "--objects-per-month", "50000"]);
        expect(text.stdout).to.include("FLAGGED: archiving costs more than not archiving");
        expect(text.stdout).to.include("Does not pay for itself before expiry at day 365: GLACIER@90d, DEEP_ARCHIVE@180d.");
    });

    it("passes the dev stack under the default workload: its small files stay in Standard", () => {
        const { status, stdout } = run("cost", ["--stack", "dev", "--json"]);
        expect(status).to.equal(0);
        const cost = JSON.parse(stdout);
        expect(cost.tiers).to.deep.equal(["STANDARD"]);
        expect(cost.archiving.paysForItself).to.equal(true);
        expect(cost.totalUsd).to.be.at.most(cost.alternatives.find((a: { name: string }) => a.name === "S3 Standard only").totalUsd);
    });
});

describe("npm run access-matrix", () => {
    it("prints the dev stack's matrix as Markdown, every row as promised", () => {
        const { status, stdout } = run("accessMatrix", ["--stack", "dev", "--markdown"]);
        expect(status, stdout).to.equal(0);
        expect(stdout).to.match(/^# Access matrix: stack dev/);
        expect(stdout).to.match(/\| cloudtrail\.amazonaws\.com \| CloudTrail writes its own account's log with the owner ACL \| s3:PutObject \|.*\| Allowed \| as promised \|/);
        expect(stdout).to.match(/(\d+) of \1 rows as promised/);
    });

    it("prints the log-archive stack's matrix, with member-account deliveries allowed", () => {
        const { status, stdout } = run("accessMatrix", ["--stack", "log-archive", "--markdown"]);
        expect(status, stdout).to.equal(0);
        expect(stdout).to.match(/\| config\.amazonaws\.com \| Config of a member account delivers under its own AWSLogs\/<member>\/Config\/ \|.*\| Allowed \| as promised \|/);
        expect(stdout).to.match(/(\d+) of \1 rows as promised/);
    });
});
