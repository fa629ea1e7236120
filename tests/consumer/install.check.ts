// The package as a consumer meets it: `npm pack` (which builds in prepack), an offline install of the tarball into a
// fresh project with only the declared dependencies, then the component, the thin pack and the bin from there.
// Run by .ci/run as its own step (npm run test:consumer), outside the suite's time: it installs a whole project.
import { expect } from "chai";
import { SpawnSyncReturns, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
    return spawnSync(command, args, { cwd, encoding: "utf8", timeout: 600_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
    expect(result.status, `${what}:\n${result.stdout}\n${result.stderr}`).to.equal(0);
    return result.stdout;
}

/** The consumer's program: the component, and a trail and a Config channel writing to its bucket. */
const PROGRAM = `import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AuditLogBucket } from "audit-log-bucket";

const config = new pulumi.Config();
const logs = new AuditLogBucket("logs", { accountId: "123456789012", region: "eu-west-1", retentionDays: 730 });
new aws.cloudtrail.Trail("trail", { s3BucketName: logs.bucketName, s3KeyPrefix: "cloudtrail-logs", isMultiRegionTrail: true });
new aws.cfg.DeliveryChannel("config", { s3BucketName: logs.bucketName, s3KeyPrefix: "config-logs" });
if (config.getBoolean("seedMistakes")) {
    // A second bucket the way nobody should: public ACL, force-destroy, nothing around it.
    new aws.s3.Bucket("scratch", { bucket: "consumer-scratch-123456789012", acl: "public-read", forceDestroy: true });
}
export const bucketName = logs.bucketName;
`;

describe("the package as a consumer installs it", function () {
    this.timeout(1_200_000);
    let consumer: string;
    let tarball: { file: string; size: number; files: number };

    before(() => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "pack-"));
        // prepack builds first, and its scripts' banners share stdout with the JSON: the JSON is the last part.
        const output = ok(run("npm", ["pack", "--json", "--pack-destination", out], ROOT), "npm pack");
        const [packed] = JSON.parse(output.slice(output.lastIndexOf("\n[") + 1));
        tarball = { file: path.join(out, packed.filename), size: packed.size, files: packed.entryCount };
        consumer = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-"));
        const dependencies: Record<string, string> = {
            "audit-log-bucket": `file:${tarball.file}`,
            "@pulumi/pulumi": MANIFEST.peerDependencies["@pulumi/pulumi"],
            "@pulumi/aws": MANIFEST.peerDependencies["@pulumi/aws"],
            typescript: MANIFEST.devDependencies.typescript,
            "@types/node": MANIFEST.devDependencies["@types/node"],
        };
        fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true, dependencies }, null, 2));
        // From the npm cache (the registry only for what the cache lacks: npm --offline could not resolve the peers'
        // packuments from this machine's cache), with only what the package and the consumer declare.
        ok(run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], consumer), "npm install --prefer-offline");
        fs.writeFileSync(path.join(consumer, "Pulumi.yaml"), "name: consumer\nruntime: nodejs\nmain: index.ts\n");
        fs.writeFileSync(path.join(consumer, "Pulumi.clean.yaml"), "config:\n  aws:region: eu-west-1\n");
        fs.writeFileSync(path.join(consumer, "Pulumi.broken.yaml"), 'config:\n  aws:region: eu-west-1\n  consumer:seedMistakes: "true"\n');
        fs.writeFileSync(path.join(consumer, "index.ts"), PROGRAM);
        fs.writeFileSync(
            path.join(consumer, "tsconfig.json"),
            JSON.stringify({ compilerOptions: { strict: true, module: "node16", moduleResolution: "node16", target: "ES2022", noEmit: true, skipLibCheck: true, esModuleInterop: true }, files: ["index.ts"] }),
        );
    });

    it("ships compiled JavaScript and declarations, the ready pack, the bin and the LICENSE, and no TypeScript sources", () => {
        const installed = path.join(consumer, "node_modules", "audit-log-bucket");
        for (const file of ["LICENSE", "bin/audit-log-bucket.js", "dist/components/index.js", "dist/components/index.d.ts", "dist/tools/preview.js", "policy-pack/PulumiPolicy.yaml", "policy-pack/bin/index.js", "policy-pack/bin/library.d.ts"]) {
            expect(fs.existsSync(path.join(installed, file)), file).to.equal(true);
        }
        expect(fs.readFileSync(path.join(installed, "LICENSE"), "utf8")).to.include("Apache License");
        expect(fs.existsSync(path.join(installed, "tools"))).to.equal(false);
        expect(fs.existsSync(path.join(consumer, "node_modules", "@cloud-copilot"))).to.equal(false);
        console.log(`      tarball: ${(tarball.size / 1024).toFixed(0)} kB, ${tarball.files} files`);
    });

    it("type-checks the consumer's program against the shipped declarations, with the consumer's own tsc", () => {
        ok(run(process.execPath, [path.join(consumer, "node_modules", "typescript", "bin", "tsc"), "-p", consumer], consumer), "tsc");
    });

    it("previews the clean program offline under mocks with the pack (npx audit-log-bucket preview --program .)", () => {
        const document = JSON.parse(ok(run("npx", ["--no-install", "audit-log-bucket", "preview", "--program", ".", "--stack", "clean", "--json"], consumer), "preview clean"));
        const types = document.resources.map((resource: { type: string }) => resource.type);
        expect(types).to.include.members(["audit-logs:index:AuditLogBucket", "aws:s3/bucket:Bucket", "aws:cloudtrail/trail:Trail", "aws:cfg/deliveryChannel:DeliveryChannel"]);
        expect(document.summary.policyPacks).to.deep.equal(["audit-log-bucket@0.1.0"]);
        expect(document.summary.mandatory).to.equal(0);
    });

    it("flags the seeded mistakes, exiting 1", () => {
        const result = run("npx", ["--no-install", "audit-log-bucket", "preview", "--program", ".", "--stack", "broken", "--json"], consumer);
        expect(result.status, result.stderr).to.equal(1);
        const mandatory = JSON.parse(result.stdout).violations.filter((violation: { enforcementLevel: string }) => violation.enforcementLevel === "mandatory");
        expect(mandatory.map((violation: { policy: string }) => violation.policy)).to.include.members(["s3-bucket-no-force-destroy", "s3-no-public-acl"]);
    });

    it("runs the consumer's thin pack (examples/policy-pack) through the Analyzer protocol, at its own levels", () => {
        const pack = path.join(consumer, "policy");
        fs.mkdirSync(pack);
        for (const file of ["PulumiPolicy.yaml", "index.ts", "tsconfig.json"]) {
            fs.copyFileSync(path.join(ROOT, "examples", "policy-pack", file), path.join(pack, file));
        }
        fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify({ name: "policy", version: "0.1.0", main: "index.js" }));
        ok(run(process.execPath, [path.join(consumer, "node_modules", "typescript", "bin", "tsc"), "-p", pack], pack), "tsc of the thin pack");
        // The thin pack makes Object Lock mandatory: the clean program has none, so it fails there (exit 1).
        const result = run("npx", ["--no-install", "audit-log-bucket", "preview", "--program", ".", "--stack", "clean", "--policy-pack", "policy", "--json"], consumer);
        expect(result.status, result.stderr).to.equal(1);
        const clean = JSON.parse(result.stdout);
        const levels = Object.fromEntries(clean.policies.map((policy: { policy: string; enforcementLevel: string }) => [policy.policy, policy.enforcementLevel]));
        expect(levels["audit-log-object-lock"]).to.equal("mandatory");
        expect(clean.violations.filter((violation: { enforcementLevel: string }) => violation.enforcementLevel === "mandatory").map((violation: { policy: string }) => violation.policy)).to.include("audit-log-object-lock");
    });

    it("runs the ready pack directory inside the installed package, as pulumi preview --policy-pack node_modules/audit-log-bucket/policy-pack would", () => {
        const result = run("npx", ["--no-install", "audit-log-bucket", "preview", "--program", ".", "--stack", "broken", "--policy-pack", "node_modules/audit-log-bucket/policy-pack", "--json"], consumer);
        expect(result.status, result.stderr).to.equal(1);
        expect(JSON.parse(result.stdout).summary.policyPacks).to.deep.equal(["audit-log-bucket@0.1.0"]);
    });

    it("audits a stack export, and says --help on every command, exiting 2 on a bad one", () => {
        const state = path.join(consumer, "export.json");
        fs.copyFileSync(path.join(ROOT, "examples", "stack-export.prod.json"), state);
        const audit = JSON.parse(ok(run("npx", ["--no-install", "audit-log-bucket", "audit", "--state", state, "--json"], consumer), "audit"));
        expect(audit.summary.mandatory).to.equal(0);
        for (const command of ["preview", "audit", "verify", "cost", "new-stack", "stacks", "access-matrix"]) {
            const help = run("npx", ["--no-install", "audit-log-bucket", command, "--help"], consumer);
            expect(help.status, `${command} --help: ${help.stderr}`).to.equal(0);
            expect(help.stdout, command).to.match(/usage|repository command/);
        }
        const bad = run("npx", ["--no-install", "audit-log-bucket", "deploy"], consumer);
        expect(bad.status).to.equal(2);
        expect(bad.stderr).to.include('unknown command "deploy"');
    });

    it("says clearly when the consumer's typescript is missing", () => {
        fs.renameSync(path.join(consumer, "node_modules", "typescript"), path.join(consumer, "typescript-away"));
        try {
            const result = run("npx", ["--no-install", "audit-log-bucket", "preview", "--program", ".", "--stack", "clean"], consumer);
            expect(result.status).to.equal(2);
            expect(result.stderr).to.include("npm install --save-dev typescript");
        } finally {
            fs.renameSync(path.join(consumer, "typescript-away"), path.join(consumer, "node_modules", "typescript"));
        }
    });
});
