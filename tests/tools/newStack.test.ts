import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { parseTargets } from "../../tools/newStack/targets";
import { deriveConfig, sourceStack } from "../../tools/newStack/derive";
import { TS_LOADER } from "../support/toolProcess";

const ROOT = path.resolve(__dirname, "..", "..");

/** A temporary stack directory holding copies of the shipped dev and prod stacks. */
function stacksDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "new-stack-"));
    for (const stack of ["dev", "prod"]) {
        fs.copyFileSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), path.join(dir, `Pulumi.${stack}.yaml`));
    }
    return dir;
}

function newStack(dir: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [...TS_LOADER, path.join(ROOT, "tools", "newStack.ts"), "--stacks-dir", dir, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function config(dir: string, stack: string): Record<string, unknown> {
    return (yaml.load(fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> }).config;
}

describe("npm run new-stack", () => {
    it("writes <account>-<region> from dev, with the new account and region and nothing of the old account", () => {
        const dir = stacksDir();
        const { status, stdout } = newStack(dir, ["--account", "444444444444", "--region", "eu-central-1"]);
        expect(status, stdout).to.equal(0);
        const written = config(dir, "444444444444-eu-central-1");
        expect(written["aws:region"]).to.equal("eu-central-1");
        expect(written["aws:allowedAccountIds"]).to.deep.equal(["444444444444"]);
        expect(written["audit-log-bucket:accountId"]).to.equal("444444444444");
        expect(written["audit-log-bucket:readerArns"]).to.equal('["arn:aws:iam::444444444444:role/SecurityAuditor"]');
        expect(JSON.stringify(written)).not.to.include("111111111111");
        expect(stdout).to.include("re-pointed audit-log-bucket:readerArns: arn:aws:iam::111111111111:role/SecurityAuditor → arn:aws:iam::444444444444:role/SecurityAuditor");
    });

    it("re-points prod's own ARNs and access-log bucket, keeps the organization trail, another account's reader and the organization", () => {
        const dir = stacksDir();
        const { status, stdout } = newStack(dir, ["--account", "555555555555", "--region", "eu-west-2", "--name", "prod-eu", "--from", "prod"]);
        expect(status).to.equal(0);
        const written = config(dir, "prod-eu");
        expect(written["audit-log-bucket:readerArns"]).to.equal('["arn:aws:iam::555555555555:role/SecurityAuditor","arn:aws:iam::333333333333:role/SiemIngest"]');
        expect(written["audit-log-bucket:accessLogBucket"]).to.equal("network-access-logs-555555555555-eu-west-2");
        expect(written["audit-log-bucket:organizationId"]).to.equal("o-a1b2c3d4e5");
        // AWS-CT-500, AWS-CT-003: prod is the management account (organizationId alone); its organization trail
        // delivers to prod's bucket only, so a stack in another account drops it, never re-points it, and says so.
        expect(written["audit-log-bucket:cloudTrailArns"]).to.equal(undefined);
        expect(stdout).to.include("audit-log-bucket:cloudTrailArns: arn:aws:cloudtrail:us-east-1:222222222222:trail/organization-trail → dropped (the organization trail of prod's account 222222222222, the management account, delivers to that account's bucket only; this stack admits 555555555555's own trails)");
        expect(stdout).not.to.include("arn:aws:cloudtrail:us-east-1:555555555555");
        expect(stdout).to.include("kept audit-log-bucket:readerArns: arn:aws:iam::333333333333:role/SiemIngest (account 333333333333's, not prod's: not re-pointed)");
    });

    it("carries the source's policy group to the new stack, which stacks then lists with prod's policy config", () => {
        const dir = stacksDir();
        const { status, stdout } = newStack(dir, ["--account", "555555555555", "--region", "eu-west-2", "--name", "prod-eu", "--from", "prod", "--json"]);
        expect(status).to.equal(0);
        const [written] = JSON.parse(stdout).written;
        expect(written.policyGroup).to.deep.equal({ group: "prod", file: path.join("policy-pack", "config.prod.json") });
        expect(JSON.parse(fs.readFileSync(path.join(dir, "policy-groups.json"), "utf8"))).to.deep.equal({ "prod-eu": "prod" });
        const listed = spawnSync(process.execPath, [...TS_LOADER, path.join(ROOT, "tools", "stacks.ts"), "--json", "--stacks-dir", dir], { cwd: ROOT, encoding: "utf8" });
        const byStack = Object.fromEntries(JSON.parse(listed.stdout).map((entry: { stack: string; policyConfig: string }) => [entry.stack, entry.policyConfig]));
        expect(byStack["prod-eu"]).to.equal(byStack.prod);
        expect(byStack.prod).to.equal(path.join("policy-pack", "config.prod.json"));
        // From dev (the pack's own levels) there is no group to carry.
        const fromDev = JSON.parse(newStack(dir, ["--account", "444444444444", "--region", "eu-central-1", "--json"]).stdout).written[0];
        expect(fromDev.policyGroup).to.equal(null);
    });

    it("keeps the source's EXAMPLE VALUES header while example values remain, and lists them", () => {
        const dir = stacksDir();
        const { stdout } = newStack(dir, ["--account", "555555555555", "--region", "eu-west-2", "--name", "prod-eu", "--from", "prod"]);
        const text = fs.readFileSync(path.join(dir, "Pulumi.prod-eu.yaml"), "utf8");
        expect(text).to.include("# EXAMPLE VALUES, replace them all before `pulumi up`");
        expect(text).to.match(/# Still example values here: .*audit-log-bucket:organizationId \(o-a1b2c3d4e5\).*audit-log-bucket:readerArns \(333333333333\)/);
        expect(stdout).to.match(/still example values, replace before pulumi up .*audit-log-bucket:organizationId \(o-a1b2c3d4e5\)/);
        // A source without example values (a real stack) gives a file without the header.
        const real = stacksDir();
        fs.writeFileSync(path.join(real, "Pulumi.dev.yaml"), 'config:\n  aws:region: eu-west-1\n  audit-log-bucket:accountId: "123456789012"\n');
        newStack(real, ["--account", "444444444444", "--region", "eu-central-1"]);
        expect(fs.readFileSync(path.join(real, "Pulumi.444444444444-eu-central-1.yaml"), "utf8")).not.to.include("EXAMPLE VALUES");
    });

    it("refuses to overwrite an existing stack file without --force, and overwrites it with", () => {
        const dir = stacksDir();
        const first = newStack(dir, ["--account", "444444444444", "--region", "eu-central-1", "--name", "dev"]);
        expect(first.status).to.equal(2);
        expect(first.stderr).to.include("exists already: pass --force to overwrite it");
        expect(config(dir, "dev")["aws:region"]).to.equal("eu-west-1");
        expect(newStack(dir, ["--account", "444444444444", "--region", "eu-central-1", "--name", "dev", "--force"]).status).to.equal(0);
        expect(config(dir, "dev")["aws:region"]).to.equal("eu-central-1");
    });

    it("creates one stack per row of a CSV file with a header", () => {
        const dir = stacksDir();
        const csv = path.join(dir, "accounts.csv");
        fs.writeFileSync(csv, "account,region,name\n444444444444,eu-central-1\n555555555555,us-west-2,sandbox\n");
        const { status, stdout } = newStack(dir, ["--accounts", csv]);
        expect(status, stdout).to.equal(0);
        expect(fs.readdirSync(dir).filter((file) => file.endsWith(".yaml")).sort()).to.deep.equal(["Pulumi.444444444444-eu-central-1.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "Pulumi.sandbox.yaml"]);
        expect(config(dir, "sandbox")["aws:region"]).to.equal("us-west-2");
    });

    it("writes nothing when any row is bad, naming every problem", () => {
        const dir = stacksDir();
        const json = path.join(dir, "accounts.json");
        fs.writeFileSync(json, JSON.stringify([{ account: "444444444444", region: "eu-central-1" }, { account: "12345", region: "mars-1" }, { account: "666666666666", region: "eu-west-1", name: "dev" }]));
        const { status, stderr } = newStack(dir, ["--accounts", json]);
        expect(status).to.equal(2);
        expect(stderr).to.include('item 2: account "12345" must be a 12-digit AWS account id');
        expect(stderr).to.include('item 2: region "mars-1" must be an AWS region');
        expect(stderr).to.include("stack dev: file");
        expect(fs.readdirSync(dir).filter((file) => file.endsWith(".yaml")).sort()).to.deep.equal(["Pulumi.dev.yaml", "Pulumi.prod.yaml"]);
    });

    it("refuses a source whose config the stack program would refuse, naming the key", () => {
        const dir = stacksDir();
        fs.appendFileSync(path.join(dir, "Pulumi.dev.yaml"), '  audit-log-bucket:objectLockDays: "soon"\n');
        const { status, stderr } = newStack(dir, ["--account", "444444444444", "--region", "eu-central-1"]);
        expect(status).to.equal(2);
        expect(stderr).to.include('stack 444444444444-eu-central-1: audit-log-bucket:objectLockDays "soon" must be a number');
    });
});

describe("re-pointing a stack's account-specific values", () => {
    const source = sourceStack("prod", {
        "aws:region": "us-east-1",
        "aws:allowedAccountIds": ["222222222222"],
        "audit-log-bucket:accountId": "222222222222",
        "audit-log-bucket:kmsKeyArn": "arn:aws:kms:us-east-1:222222222222:key/0f8e2c4a-1111-4222-8333-944455556666",
        "audit-log-bucket:secret": { secure: "v1:abc" },
    }).source!;

    it("refuses a KMS key and a secret of the source, saying why and what to do", () => {
        const { derived, problems } = deriveConfig(source, { account: "444444444444", region: "eu-west-1", name: "x" });
        expect(derived).to.equal(undefined);
        expect(problems.map((problem) => problem.field)).to.deep.equal(["audit-log-bucket:kmsKeyArn", "audit-log-bucket:secret"]);
        expect(problems[0].rule).to.include("cannot be re-pointed");
        expect(problems[1].rule).to.include("pulumi config set --secret");
    });

    it("re-points ARNs into the target's partition (China)", () => {
        const plain = sourceStack("dev", { "aws:region": "eu-west-1", "audit-log-bucket:accountId": "111111111111", "audit-log-bucket:readerArns": '["arn:aws:iam::111111111111:role/R"]' }).source!;
        const { derived } = deriveConfig(plain, { account: "777777777777", region: "cn-north-1", name: "cn" });
        expect(derived?.config["audit-log-bucket:readerArns"]).to.equal('["arn:aws-cn:iam::777777777777:role/R"]');
    });
});

describe("reading an accounts file", () => {
    const cases: { name: string; file: string; text: string; targets: string[]; problems: string[] }[] = [
        { name: "CSV without a header", file: "a.csv", text: "444444444444,eu-west-1\n", targets: ["444444444444-eu-west-1"], problems: [] },
        { name: "CSV with comments, blank lines and quotes", file: "a.csv", text: '# fleet\n\n"444444444444","eu-west-1","logs-eu"\n', targets: ["logs-eu"], problems: [] },
        { name: "CSV with an extra column", file: "a.csv", text: "444444444444,eu-west-1,n,x\n", targets: ["n"], problems: ["columns"] },
        { name: "JSON with numeric account", file: "a.json", text: '[{"account": 444444444444, "region": "eu-west-1"}]', targets: ["444444444444-eu-west-1"], problems: [] },
        { name: "JSON that is not an array", file: "a.json", text: '{"account": "1"}', targets: [], problems: ["file"] },
        { name: "two rows with one name", file: "a.csv", text: "444444444444,eu-west-1\n444444444444,eu-west-1\n", targets: ["444444444444-eu-west-1", "444444444444-eu-west-1"], problems: ["name"] },
        { name: "an empty file", file: "a.csv", text: "account,region\n", targets: [], problems: ["rows"] },
    ];
    for (const { name, file, text, targets, problems } of cases) {
        it(`reads ${name}`, () => {
            const parsed = parseTargets(file, text);
            expect(parsed.targets.map((target) => target.name)).to.deep.equal(targets);
            expect(parsed.problems.map((problem) => problem.field)).to.deep.equal(problems);
        });
    }
});
