import { expect } from "chai";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UNKNOWN } from "../../tools/offline/capture";
import { TS_LOADER } from "../support/toolProcess";

const ROOT = path.resolve(__dirname, "..", "..");

/** `npm run preview` as package.json runs it: the pack starter preloaded, then the tool. */
function preview(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ["-r", "./tools/launch/startPack.js", ...TS_LOADER, path.join(ROOT, "tools", "preview.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A stack directory with copies of dev and prod under other names, plus `extra` files. */
function fleetDir(extra: Record<string, string> = {}): string {
    const dir = tempDir("fleet-");
    fs.copyFileSync(path.join(ROOT, "stacks", "Pulumi.dev.yaml"), path.join(dir, "Pulumi.alpha.yaml"));
    fs.copyFileSync(path.join(ROOT, "stacks", "Pulumi.prod.yaml"), path.join(dir, "Pulumi.beta.yaml"));
    for (const [name, text] of Object.entries(extra)) {
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

/** Processes whose command line mentions `marker`, from /proc. */
function processesMentioning(marker: string): number[] {
    return fs
        .readdirSync("/proc")
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
            try {
                return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(marker);
            } catch {
                return false;
            }
        })
        .map(Number);
}

/** The processes still mentioning `marker` a second after the command ended: a pack sent its signal as the command
 * exits may take a moment to go on a loaded machine; one still there after a second has outlived the command. */
function processesLeftMentioning(marker: string): number[] {
    const until = Date.now() + 1000;
    let left = processesMentioning(marker);
    while (left.length > 0 && Date.now() < until) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        left = processesMentioning(marker);
    }
    return left;
}

/**
 * A pack that reports what it received for the encryption key of each bucket's encryption settings, so a test can
 * see what the engine's wire carried.
 */
function echoPack(): string {
    const dir = tempDir("echo-pack-");
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "echo-pack", version: "1.2.3", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(
        path.join(dir, "index.js"),
        `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("echo-pack", { policies: [{
    name: "echo-kms-key", description: "reports the key it was sent", enforcementLevel: "advisory",
    validateResource: (resource, report) => {
        if (resource.type === "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration") {
            report("key " + resource.props.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId);
        }
    },
}] });
`,
    );
    return dir;
}

describe("npm run preview as a preview", function () {
    // Each case starts whole preview processes; on a busy two-core machine one can take several seconds.
    this.timeout(120_000);
    it("shows the created key's ARN as the engine's sentinel in --json, and as an ARN with --as-deployed", () => {
        const kmsKey = (stdout: string): string => {
            const document = JSON.parse(stdout);
            const encryption = document.resources.find((r: { type: string }) => r.type.endsWith(":BucketServerSideEncryptionConfiguration"));
            return encryption.inputs.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId;
        };
        const asPreview = preview(["--stack", "prod", "--json"]);
        expect(JSON.parse(asPreview.stdout).mode).to.equal("preview");
        expect(kmsKey(asPreview.stdout)).to.equal(UNKNOWN);
        expect(JSON.parse(asPreview.stdout).outputs.kmsKeyArn).to.equal(UNKNOWN);
        const deployed = preview(["--stack", "prod", "--json", "--as-deployed"]);
        expect(JSON.parse(deployed.stdout).mode).to.equal("as-deployed");
        expect(kmsKey(deployed.stdout)).to.match(/^arn:aws:kms:us-east-1:222222222222:key\//);
    });

    it("sends the pack the unknown as the engine does, so a policy reading it cannot run during the preview", () => {
        const pack = echoPack();
        const asPreview = JSON.parse(preview(["--stack", "prod", "--json", "--policy-pack", pack]).stdout);
        // Two encryption configurations with a key made in the same run: the bucket's and its vault's.
        expect(asPreview.violations.map((v: { message: string }) => v.message)).to.deep.equal(
            Array(2).fill("can't run policy 'echo-kms-key' from policy pack 'echo-pack@v1.2.3' during preview: string value at .rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId can't be known during preview"),
        );
        expect(asPreview.policies).to.deep.equal([{ policy: "echo-kms-key", enforcementLevel: "advisory", verdict: "not run: unknown until up", diagnostics: 2 }]);
        expect(asPreview.summary.policyPacks).to.deep.equal(["echo-pack@1.2.3"]);
        const deployed = JSON.parse(preview(["--stack", "prod", "--json", "--as-deployed", "--policy-pack", pack]).stdout);
        expect(deployed.violations.map((v: { message: string }) => v.message)[0]).to.match(/^reports the key it was sent\nkey arn:aws:kms:us-east-1:222222222222:key\//);
    });

    it("prints (known after up) and the pack's policies with their verdicts for prod", () => {
        const { status, stdout } = preview(["--stack", "prod"]);
        expect(status, stdout).to.equal(0);
        expect(stdout).to.include("key=(known after up)");
        expect(stdout).to.include("kmsKeyArn: (known after up)");
        expect(stdout).not.to.include(UNKNOWN);
        expect(stdout).to.match(/Policy pack audit-log-bucket@\d+\.\d+\.\d+: \d+ policies/);
        expect(stdout).to.match(/mandatory\s+s3-bucket-blocks-public-access\s+passed/);
        for (const line of stdout.split("\n")) {
            // Lines break between words: only a word longer than the room (an S3 URL, a URN) passes 80, alone.
            expect(line.length <= 80 || line.replace(/[│├└─+]/g, " ").trim().split(/\s+/).length === 1, line).to.equal(true);
        }
    });

    it("ends a failing run with the count of mandatory violations", () => {
        const config = path.join(tempDir("policy-"), "policy.json");
        fs.writeFileSync(config, JSON.stringify({ "audit-log-object-lock": "mandatory" }));
        const { status, stdout } = preview(["--stack", "dev", "--policy-config", config]);
        expect(status).to.equal(1);
        expect(stdout.trimEnd().split("\n").pop()).to.equal("preview failed: 1 mandatory violation");
    });

    it("prints JSON alone through npm run -s", () => {
        const result = spawnSync("npm", ["run", "-s", "preview", "--", "--stack", "dev", "--json"], { cwd: ROOT, encoding: "utf8", timeout: 120000 });
        expect(result.status).to.equal(0);
        expect(JSON.parse(result.stdout).stack).to.equal("dev");
    });
});

describe("npm run preview and the bucket's EventBridge notifications", function () {
    this.timeout(120_000);
    it("shows the notification configuration with eventbridge=on, and no such resource when the stack turns it off", () => {
        // The text wraps at 80 columns, so the resource's name may continue on the next line of the tree.
        const on = preview(["--stack", "dev"]);
        expect(on.status, on.stdout).to.equal(0);
        expect(on.stdout).to.match(/aws:s3\/bucketNotification:BucketNotification[\s│]+audit-logs-event-notifications\s+create\n[│ ]+eventbridge=on\n/);
        const off = preview(["--stack", "dev", "-c", "audit-log-bucket:eventBridgeNotifications=false"]);
        expect(off.status, off.stdout).to.equal(0);
        expect(off.stdout).not.to.include("bucketNotification");
        expect(off.stdout).not.to.include("eventbridge=");
    });
});

/** A pack with one policy at `remediate` level that tags every bucket it is sent. */
function taggingPack(): string {
    const dir = tempDir("remediating-pack-");
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "tagging-pack", version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(
        path.join(dir, "index.js"),
        `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("tagging-pack", { policies: [{
    name: "tag-buckets", description: "tags every bucket", enforcementLevel: "remediate",
    remediateResource: (resource) => resource.type === "aws:s3/bucket:Bucket" ? { ...resource.props, tags: { ...resource.props.tags, checked: "yes" } } : undefined,
}] });
`,
    );
    return dir;
}

describe("npm run preview with a remediating policy", function () {
    // Each case starts whole preview processes; on a busy two-core machine one can take several seconds.
    this.timeout(120_000);
    it("lists the change in --json and in the text", () => {
        const pack = taggingPack();
        const document = JSON.parse(preview(["--stack", "dev", "--json", "--policy-pack", pack]).stdout);
        expect(document.remediations).to.have.length(1);
        const [remediation] = document.remediations;
        expect(remediation).to.include({ policy: "tag-buckets", policyPack: "tagging-pack" });
        expect(remediation.urn).to.match(/aws:s3\/bucket:Bucket::audit-logs-bucket$/);
        expect(remediation.before.tags).not.to.have.property("checked");
        expect(remediation.after.tags.checked).to.equal("yes");
        const { stdout } = preview(["--stack", "dev", "--policy-pack", pack]);
        expect(stdout).to.include("~ tagging-pack: tag-buckets");
        expect(stdout).to.match(/tags: \{"managed-by[^→]*\} →\s+\{"checked":"yes"/);
    });
});

describe("npm run preview -- --all", function () {
    // Each case starts whole preview processes; on a busy two-core machine one can take several seconds.
    this.timeout(120_000);
    it("previews every stack of the directory in one run, with one JSON document per stack and the worst exit status", () => {
        const dir = fleetDir({ "Pulumi.gamma.yaml": 'config:\n  aws:region: eu-west-1\n  audit-log-bucket:accountId: "444444444444"\n  audit-log-bucket:retentionDays: "forever"\n' });
        const { status, stdout } = preview(["--all", "--json", "--stacks-dir", dir]);
        expect(status).to.equal(2);
        const fleet = JSON.parse(stdout);
        expect(fleet.stacks.map((entry: { stack: string }) => entry.stack)).to.deep.equal(["alpha", "beta", "gamma"]);
        const [alpha, beta, gamma] = fleet.stacks;
        expect(alpha.resources.length).to.equal(alpha.summary.resources);
        expect(beta.summary.byType["aws:kms/key:Key"]).to.equal(2); // the bucket's key and its vault's
        expect(gamma.error.message).to.include("retentionDays");
        expect(fleet.summary).to.deep.include({ stacks: 3, resources: alpha.summary.resources + beta.summary.resources, errors: ["gamma"], exitCode: 2 });
        expect(fleet.summary.advisory).to.equal(alpha.summary.advisory + beta.summary.advisory);
    });

    it("prints a table of stack, resources, mandatory and advisory counts, and fails when one stack does", () => {
        const dir = fleetDir();
        const config = path.join(tempDir("policy-"), "policy.json");
        fs.writeFileSync(config, JSON.stringify({ "audit-log-object-lock": "mandatory" }));
        const { status, stdout } = preview(["--all", "--stacks-dir", dir, "--policy-config", config]);
        expect(status).to.equal(1);
        expect(stdout).to.match(/^stack\s+resources\s+mandatory\s+advisory\s+result\s+policy config$/m);
        expect(stdout).to.match(/^alpha\s+\d+\s+1\s+\d+\s+failed\s+policy\.json$/m);
        expect(stdout).to.match(/^beta\s+\d+\s+0\s+\d+\s+ok\s+policy\.json$/m);
        expect(stdout.trimEnd().split("\n").pop()).to.equal("preview failed: 1 mandatory violation in alpha");
    });
});

describe("each stack previewed with its own policy config, the one npm run -s stacks -- --json names", function () {
    this.timeout(120_000);

    /** A throwaway copy of dev (allowDeletion) and a prod whose retention is below prod's policy group's minimum. */
    function groupsDir(): string {
        const dir = tempDir("groups-");
        fs.writeFileSync(path.join(dir, "Pulumi.scratch.yaml"), `${fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.dev.yaml"), "utf8").trimEnd()}\n  audit-log-bucket:allowDeletion: "true"\n`);
        fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.prod.yaml"), "utf8").replace('audit-log-bucket:retentionDays: "2555"', 'audit-log-bucket:retentionDays: "400"'));
        return dir;
    }

    it("--all: the throwaway stack passes with config.throwaway.json, prod fails under config.prod.json", () => {
        const { status, stdout } = preview(["--all", "--json", "--stacks-dir", groupsDir()]);
        expect(status).to.equal(1);
        const fleet = JSON.parse(stdout);
        const byStack = Object.fromEntries(fleet.stacks.map((document: { stack: string }) => [document.stack, document]));
        expect(byStack.scratch.policyConfig).to.equal(path.join("policy-pack", "config.throwaway.json"));
        expect(byStack.scratch.summary.mandatory).to.equal(0);
        expect(byStack.scratch.policies.find((policy: { policy: string }) => policy.policy === "s3-bucket-no-force-destroy").enforcementLevel).to.equal("disabled");
        expect(byStack.prod.policyConfig).to.equal(path.join("policy-pack", "config.prod.json"));
        // The vault keeps replicas as long as the bucket keeps logs: both fall short of config.prod.json's 730 days.
        expect(byStack.prod.violations.filter((violation: { enforcementLevel: string }) => violation.enforcementLevel === "mandatory").map((violation: { policy: string }) => violation.policy)).to.deep.equal(["audit-log-retention", "audit-log-retention"]);
        expect(fleet.summary.failed).to.deep.equal(["prod"]);
    });

    it("--stack applies the stack's own config too, and names it in the text", () => {
        const { status, stdout } = preview(["--stack", "scratch", "--stacks-dir", groupsDir()]);
        expect(status, stdout).to.equal(0);
        expect(stdout).to.match(/Policy pack audit-log-bucket@\S+: \d+ policies, policy config\s+policy-pack\/config\.throwaway\.json/);
    });
});

describe("npm run preview leaves no process behind", function () {
    // Each case starts whole preview processes; on a busy two-core machine one can take several seconds.
    this.timeout(120_000);
    const cases: { name: string; args: string[]; message: RegExp }[] = [
        { name: "an unknown option", args: ["--verbose"], message: /Unknown option '--verbose'/ },
        { name: "--stack without a value", args: ["--stack"], message: /argument missing/ },
        { name: "--all with --stack", args: ["--all", "--stack", "dev"], message: /leave out --stack dev/ },
        { name: "a stack that does not exist", args: ["--stack", "staging"], message: /no stack "staging"/ },
    ];
    for (const { name, args, message } of cases) {
        it(`ends the early-started pack on ${name}`, () => {
            // A path of its own to the project's pack, so the test can find exactly the pack this run started.
            const pack = path.join(tempDir("leak-"), "policy-pack");
            fs.symlinkSync(path.join(ROOT, "policy-pack"), pack);
            const { status, stderr } = preview(["--policy-pack", pack, ...args]);
            expect(status).to.equal(2);
            expect(stderr).to.match(message);
            expect(processesLeftMentioning(pack)).to.deep.equal([]);
        });
    }

    for (const signal of ["SIGTERM", "SIGINT"] as const) {
        it(`ends the pack when the command is stopped with ${signal}`, async () => {
            const pack = path.join(tempDir("leak-"), "policy-pack");
            fs.symlinkSync(path.join(ROOT, "policy-pack"), pack);
            const child = spawn(process.execPath, ["-r", "./tools/launch/startPack.js", ...TS_LOADER, path.join(ROOT, "tools", "preview.ts"), "--all", "--policy-pack", pack], {
                cwd: ROOT,
                stdio: "ignore",
            });
            const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
            // Stop it once its pack is running (the preload starts it first thing).
            while (processesMentioning(pack).length < 2) {
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            child.kill(signal);
            expect(await exited).to.equal(signal === "SIGTERM" ? 143 : 130);
            expect(processesMentioning(pack)).to.deep.equal([]);
        });
    }

    it("ends the pack when the command is killed with SIGKILL, which runs no handler: the pack watches its parent from a worker thread", async () => {
        const pack = path.join(tempDir("leak-"), "policy-pack");
        fs.symlinkSync(path.join(ROOT, "policy-pack"), pack);
        const child = spawn(process.execPath, ["-r", "./tools/launch/startPack.js", ...TS_LOADER, path.join(ROOT, "tools", "preview.ts"), "--all", "--policy-pack", pack], {
            cwd: ROOT,
            stdio: "ignore",
        });
        const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
        while (processesMentioning(pack).length < 2) {
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        child.kill("SIGKILL");
        expect(await exited).to.equal("SIGKILL");
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(processesMentioning(pack)).to.deep.equal([]);
    });

    it("names a --policy-pack directory that does not exist", () => {
        const { status, stderr } = preview(["--stack", "dev", "--policy-pack", "nope"]);
        expect(status).to.equal(2);
        expect(stderr).to.include("--policy-pack nope: no such directory");
        expect(stderr).not.to.include("ENOENT");
    });
});
