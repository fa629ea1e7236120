import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const TSC = require.resolve("typescript/bin/tsc");
import { PROJECT_PACK_DIR, ensurePackBuilt } from "../tools/policy/packDir";

/** The newest modification time of the files under `dir`. */
function newestUnder(dir: string): number {
    return Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? newestUnder(path.join(dir, entry.name)) : fs.statSync(path.join(dir, entry.name)).mtimeMs)));
}

/** Builds dist/ and the pack when a source is newer (prepack builds them for npm pack; this test packs without scripts). */
function ensureBuilt(): void {
    const built = path.join(ROOT, "dist", "tools", "preview.js");
    const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
    if (Math.max(newestUnder(path.join(ROOT, "components")), newestUnder(path.join(ROOT, "tools"))) > builtAt) {
        execFileSync(process.execPath, [TSC, "-p", path.join(ROOT, "tsconfig.build.json")], { cwd: ROOT });
        execFileSync(process.execPath, [path.join(ROOT, "tools", "build", "copyLaunchers.js")], { cwd: ROOT });
    }
    ensurePackBuilt(PROJECT_PACK_DIR);
}

describe("the published package", function () {
    let tarball: string;
    let files: string[];
    let consumer: string;

    before(function () {
        // A clean checkout compiles the package and the pack first (tsc, twice), then packs it: on a loaded two-core
        // machine that passed mocha's default 30 s.
        this.timeout(180000);
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

    it("ships compiled JavaScript and declarations, the ready pack, the bin and the LICENSE; no sources, tests or AGPL code", () => {
        expect(files).to.include.members([
            "package.json",
            "README.md",
            "LICENSE",
            "PulumiPlugin.yaml",
            "bin/audit-log-bucket.js",
            "dist/components/index.js",
            "dist/components/index.d.ts",
            "dist/components/auditLogBucket.js",
            "dist/tools/preview.js",
            "dist/tools/launch/startPack.js",
            "dist/tools/policy/spawnPack.js",
            "policy-pack/PulumiPolicy.yaml",
            "policy-pack/package.json",
            "policy-pack/bin/index.js",
            "policy-pack/bin/library.js",
            "policy-pack/bin/library.d.ts",
        ]);
        expect(files.filter((file) => /\.ts$/.test(file) && !file.endsWith(".d.ts"))).to.deep.equal([]);
        expect(files.filter((file) => /^(tests|tools|stacks|examples)\//.test(file))).to.deep.equal([]);
        // The access matrix's evaluator is AGPL: neither it nor the code that loads it ships.
        expect(files.filter((file) => /^dist\/tools\/(access\/|accessMatrix|bench)/.test(file))).to.deep.equal([]);
    });

    it("declares @pulumi/pulumi and @pulumi/aws as peers with the ranges we test, typescript as an optional one, and what runs as dependencies", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(consumer, "node_modules", "audit-log-bucket", "package.json"), "utf8"));
        expect(manifest.peerDependencies).to.deep.include({ "@pulumi/pulumi": "^3.276.0", "@pulumi/aws": "^7.48.0" });
        expect(manifest.peerDependenciesMeta).to.deep.equal({ typescript: { optional: true } });
        expect(Object.keys(manifest.dependencies).sort()).to.deep.equal(["@aws-sdk/client-cloudtrail", "@aws-sdk/client-kms", "@aws-sdk/client-s3", "@aws-sdk/client-s3-control", "@aws-sdk/client-sts", "@grpc/grpc-js", "@pulumi/policy", "js-yaml"]);
        expect(manifest.devDependencies).to.have.property("@cloud-copilot/iam-simulate");
        expect(manifest.scripts.prepare).to.equal(undefined);
        expect(manifest.scripts.prepack).to.include("build");
        expect(manifest.bin).to.deep.equal({ "audit-log-bucket": "bin/audit-log-bucket.js" });
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
