import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";

const ROOT = path.resolve(__dirname, "..", "..");

function stacks(args: string[]): { status: number | null; stdout: string; stderr: string } {
    // As the workflow runs it: through npm, silent, so stdout is the JSON alone.
    const result = spawnSync("npm", ["run", "-s", "stacks", "--", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run -s stacks -- --json", () => {
    it("lists every stack file of stacks/ with the account and region it names, as parseable JSON", () => {
        const { status, stdout } = stacks(["--json"]);
        expect(status).to.equal(0);
        const listed = JSON.parse(stdout) as { stack: string; account: string; region: string; partition: string; policyConfig: string }[];
        const files = fs.readdirSync(path.join(ROOT, "stacks")).map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1]).filter(Boolean).sort();
        expect(listed.map((entry) => entry.stack)).to.deep.equal(files);
        for (const entry of listed) {
            const config = (yaml.load(fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${entry.stack}.yaml`), "utf8")) as { config: Record<string, unknown> }).config;
            expect(entry.region).to.equal(config["aws:region"]);
            expect(entry.account).to.equal(config["audit-log-bucket:accountId"] ?? (config["aws:allowedAccountIds"] as string[])[0]);
            expect(entry.account).to.match(/^\d{12}$/);
            expect(entry.partition).to.equal(entry.region.startsWith("cn-") ? "aws-cn" : "aws");
            if (entry.policyConfig) {
                expect(fs.existsSync(path.join(ROOT, entry.policyConfig)), entry.policyConfig).to.equal(true);
            }
        }
    });

    it("lists stacks holding secrets, and runs a throwaway stack (allowDeletion) with the throwaway policy config", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
        fs.writeFileSync(path.join(dir, "Pulumi.scratch.yaml"), 'config:\n  aws:region: eu-west-1\n  audit-log-bucket:accountId: "444444444444"\n  audit-log-bucket:allowDeletion: "true"\n');
        fs.writeFileSync(path.join(dir, "Pulumi.kept.yaml"), 'config:\n  aws:region: cn-north-1\n  aws:allowedAccountIds: ["555555555555"]\n  audit-log-bucket:token:\n    secure: v1:abcdef\n');
        const { status, stdout } = stacks(["--json", "--stacks-dir", dir]);
        expect(status).to.equal(0);
        const throwaway = fs.existsSync(path.join(ROOT, "policy-pack", "config.throwaway.json")) ? path.join("policy-pack", "config.throwaway.json") : "";
        expect(JSON.parse(stdout)).to.deep.equal([
            { stack: "kept", account: "555555555555", region: "cn-north-1", partition: "aws-cn", policyConfig: "" },
            { stack: "scratch", account: "444444444444", region: "eu-west-1", partition: "aws", policyConfig: throwaway },
        ]);
    });

    it("exits 2 naming every stack that has no account a CI job could assume a role in", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
        fs.writeFileSync(path.join(dir, "Pulumi.a.yaml"), "config:\n  aws:region: eu-west-1\n");
        fs.writeFileSync(path.join(dir, "Pulumi.b.yaml"), 'config:\n  aws:region: eu-west-1\n  audit-log-bucket:accountId: "12"\n');
        const { status, stderr } = stacks(["--json", "--stacks-dir", dir]);
        expect(status).to.equal(2);
        expect(stderr).to.include("stack a: audit-log-bucket:accountId undefined must be a 12-digit account id");
        expect(stderr).to.include('stack b: audit-log-bucket:accountId "12" must be a 12-digit account id');
    });
});
