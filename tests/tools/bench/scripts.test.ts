import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { scriptNodeArgs, writeNoopPack } from "../../../tools/bench/scripts";
import { analyzeWithPack } from "../../../tools/policy/analyzer";

const made: string[] = [];

function packageWith(scripts: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-scripts-"));
    made.push(dir);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "x", version: "0.0.0", scripts }));
    return dir;
}

describe("bench: what it times", () => {
    after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    it("times the node arguments of a package.json script, as npm run would run them", () => {
        const root = packageWith({ audit: "node  -r ./tools/launch/startPack.js -r ./tools/launch/transpileCache.js tools/audit.ts" });
        expect(scriptNodeArgs(root, "audit")).to.deep.equal(["-r", "./tools/launch/startPack.js", "-r", "./tools/launch/transpileCache.js", "tools/audit.ts"]);
    });

    const refusals: [string, Record<string, string>, RegExp][] = [
        ["a script that does not exist", { other: "node x.js" }, /no "audit" script/],
        ["a script that does not run node", { audit: "ts-node tools/audit.ts" }, /does not run node/],
        ["a script with shell syntax it cannot replay", { audit: "node a.js && node b.js" }, /shell syntax/],
        ["a script with quoting it cannot replay", { audit: "node -e 'x'" }, /shell syntax/],
    ];
    for (const [what, scripts, error] of refusals) {
        it(`refuses ${what}, naming the script`, () => {
            expect(() => scriptNodeArgs(packageWith(scripts), "audit")).to.throw(error);
        });
    }

    it("runs the project's own preview and audit scripts, which it can replay", () => {
        const root = path.resolve(__dirname, "..", "..", "..");
        for (const name of ["preview", "audit"]) {
            expect(scriptNodeArgs(root, name).some((arg) => arg.startsWith("tools/")), name).to.equal(true);
        }
    });

    it("measures the protocol with a real pack that checks nothing", async () => {
        const dir = writeNoopPack(fs.mkdtempSync(path.join(os.tmpdir(), "noop-pack-")));
        // Resolved from the repository's node_modules, as the benchmark's own copy under .bench is.
        fs.symlinkSync(path.resolve(__dirname, "..", "..", "..", "node_modules"), path.join(dir, "node_modules"));
        const resource = { urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket", name: "b", properties: { bucket: "b", acl: "public-read" } };
        try {
            const { info, violations } = await analyzeWithPack(dir, [resource], { project: "p", stack: "s", dryRun: false });
            expect(info.policies.map((policy) => policy.name)).to.deep.equal(["noop-resource", "noop-stack"]);
            expect(violations).to.deep.equal([]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
