import { expect } from "chai";
import * as fc from "fast-check";
import type { AuditLogBucketArgs } from "../../components/args";
import { validateArgs } from "../../components/validation";
import { THROWAWAY, args, componentResources, mandatory } from "./componentArgs";
import { PackProcess } from "./harness";

describe("the component's output under the pack process, for any valid arguments", function () {
    this.timeout(240000);
    let pack: PackProcess;
    before(async () => {
        pack = await PackProcess.start();
    });
    after(() => pack?.close());

    it("raises no mandatory violation over the Analyzer protocol either", async () => {
        await fc.assert(
            fc.asyncProperty(args, fc.boolean(), async (input, preview) => {
                fc.pre(validateArgs(input).length === 0);
                const resources = await componentResources(input, preview);
                const violations = await pack.verdicts(resources, input.allowDeletion ? THROWAWAY : {});
                expect(mandatory(violations), JSON.stringify(input)).to.deep.equal([]);
            }),
            { numRuns: 25 },
        );
    });

    it("needs the throwaway config exactly for allowDeletion: without it, forceDestroy is mandatory", async () => {
        const input: AuditLogBucketArgs = { accountId: "123456789012", region: "us-east-1", allowDeletion: true };
        const violations = await pack.verdicts(await componentResources(input, false));
        expect(violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy)).to.deep.equal(["s3-bucket-no-force-destroy"]);
    });
});
