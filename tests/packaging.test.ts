import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const TSC = require.resolve("typescript/bin/tsc");

/** Builds dist/ when a component source is newer than it (npm ci's prepare builds it on a clean clone). */
function ensureBuilt(): void {
    const built = path.join(ROOT, "dist", "components", "index.js");
    const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
    const newest = Math.max(...fs.readdirSync(path.join(ROOT, "components")).map((file) => fs.statSync(path.join(ROOT, "components", file)).mtimeMs));
    if (newest > builtAt) {
        execFileSync(process.execPath, [TSC, "-p", path.join(ROOT, "tsconfig.build.json")], { cwd: ROOT });
    }
}

describe("the published package", function () {
    let tarball: string;
    let files: string[];
    let consumer: string;

    before(() => {
        ensureBuilt();
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "pack-"));
        const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", out], { cwd: ROOT, encoding: "utf8" }));
        tarball = path.join(out, packed.filename);
        files = packed.files.map((file: { path: string }) => file.path);
        // A scratch consumer outside the repo: the tarball unpacked where npm puts it, the peers it declares beside it.
        consumer = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-"));
        const target = path.join(consumer, "node_modules", "audit-log-bucket");
        fs.mkdirSync(target, { recursive: true });
        execFileSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]);
        fs.mkdirSync(path.join(consumer, "node_modules", "@pulumi"));
        for (const peer of ["pulumi", "aws"]) {
            fs.symlinkSync(path.join(ROOT, "node_modules", "@pulumi", peer), path.join(consumer, "node_modules", "@pulumi", peer), "dir");
        }
    });

    it("ships compiled JavaScript and declarations only, no sources, tests or tools", () => {
        expect(files).to.include.members(["package.json", "README.md", "PulumiPlugin.yaml", "dist/components/index.js", "dist/components/index.d.ts", "dist/components/auditLogBucket.js"]);
        expect(files.filter((file) => /\.ts$/.test(file) && !file.endsWith(".d.ts"))).to.deep.equal([]);
        expect(files.filter((file) => /^(tests|tools|policy-pack|stacks)\//.test(file))).to.deep.equal([]);
    });

    it("declares @pulumi/pulumi and @pulumi/aws as peers with the ranges we test", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(consumer, "node_modules", "audit-log-bucket", "package.json"), "utf8"));
        expect(manifest.peerDependencies).to.deep.equal({ "@pulumi/pulumi": "^3.276.0", "@pulumi/aws": "^7.48.0" });
        expect(manifest.dependencies ?? {}).to.deep.equal({});
        for (const peer of ["pulumi", "aws"]) {
            const installed = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "@pulumi", peer, "package.json"), "utf8")).version;
            expect(Number(installed.split(".")[0]), peer).to.equal(Number(manifest.peerDependencies[`@pulumi/${peer}`].replace("^", "").split(".")[0]));
        }
    });

    it("type-checks a strict TypeScript consumer against the shipped declarations, with its own tsconfig", () => {
        fs.writeFileSync(
            path.join(consumer, "tsconfig.json"),
            JSON.stringify({ compilerOptions: { strict: true, module: "node16", moduleResolution: "node16", target: "ES2022", noEmit: true, skipLibCheck: true, types: [] }, files: ["check.ts"] }),
        );
        fs.writeFileSync(
            path.join(consumer, "check.ts"),
            [
                'import { AuditLogBucket, AuditLogBucketArgs, EncryptionMode } from "audit-log-bucket";',
                'const args: AuditLogBucketArgs = { accountId: "123456789012", region: "eu-west-1", encryption: EncryptionMode.SSE_KMS, retentionDays: 730 };',
                'export const logs = new AuditLogBucket("logs", args);',
                "export const name = logs.bucketName;",
                "",
            ].join("\n"),
        );
        execFileSync(process.execPath, [TSC, "-p", consumer], { cwd: consumer, encoding: "utf8" });
        fs.writeFileSync(path.join(consumer, "bad.ts"), 'import { AuditLogBucket } from "audit-log-bucket";\nnew AuditLogBucket("logs", { region: "eu-west-1", encryption: "AES" });\n');
        fs.writeFileSync(path.join(consumer, "tsconfig.bad.json"), JSON.stringify({ extends: "./tsconfig.json", files: ["bad.ts"] }));
        let diagnostics = "";
        try {
            execFileSync(process.execPath, [TSC, "-p", path.join(consumer, "tsconfig.bad.json")], { cwd: consumer, encoding: "utf8" });
        } catch (error) {
            diagnostics = String((error as { stdout?: string }).stdout);
        }
        expect(diagnostics).to.include("bad.ts");
        expect(diagnostics).to.match(/Type '"AES"' is not assignable/);
    });

    it("runs in a plain JavaScript consumer under mocks, without ts-node", () => {
        fs.writeFileSync(
            path.join(consumer, "program.js"),
            `const pulumi = require("@pulumi/pulumi");
const registered = [];
pulumi.runtime.setMocks({
    newResource: (args) => { registered.push(args.type); return { id: args.inputs.bucket || args.name, state: { ...args.inputs, arn: "arn:aws:s3:::" + args.inputs.bucket } }; },
    call: () => ({}),
}, "consumer", "dev", true);
const { AuditLogBucket } = require("audit-log-bucket");
const logs = new AuditLogBucket("logs", { accountId: "123456789012", region: "eu-west-1" });
logs.bucketName.apply((name) => setTimeout(() => console.log(JSON.stringify({ name, registered, tsNode: Boolean(require.extensions[".ts"]) })), 50));
`,
        );
        const output = JSON.parse(execFileSync(process.execPath, ["program.js"], { cwd: consumer, encoding: "utf8" }).trim().split("\n").pop() as string);
        expect(output.name).to.equal("network-compliance-logs-123456789012-eu-west-1");
        expect(output.tsNode).to.equal(false);
        expect(output.registered).to.include.members(["aws:s3/bucket:Bucket", "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"]);
    });
});
