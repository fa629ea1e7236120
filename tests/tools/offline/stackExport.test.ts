import { expect } from "chai";
import * as fs from "fs";
import { ROOT_STACK_TYPE, engineUrn } from "../../../tools/offline/capture";
import { EXAMPLE_EXPORT, exampleExportText } from "../../../tools/offline/stackExport";

describe("URNs as the engine assigns them", () => {
    const STACK = "urn:pulumi:prod::audit-log-bucket::pulumi:pulumi:Stack::audit-log-bucket-prod";
    const COMPONENT = "urn:pulumi:prod::audit-log-bucket::audit-logs:index:AuditLogBucket::audit-logs";
    const CHILD_COMPONENT = "urn:pulumi:prod::audit-log-bucket::audit-logs:index:AuditLogBucket$audit-logs:index:AccessLogBucket::audit-logs-access-logs";
    const cases: { name: string; parent?: string; type: string; resource: string; urn: string }[] = [
        { name: "the root stack", type: ROOT_STACK_TYPE, resource: "audit-log-bucket-prod", urn: STACK },
        { name: "a child of the root stack, without the stack's type", parent: STACK, type: "audit-logs:index:AuditLogBucket", resource: "audit-logs", urn: COMPONENT },
        { name: "a component's child, with the component's type", parent: COMPONENT, type: "aws:kms/key:Key", resource: "audit-logs-key", urn: "urn:pulumi:prod::audit-log-bucket::audit-logs:index:AuditLogBucket$aws:kms/key:Key::audit-logs-key" },
        { name: "a child component, carrying its parent's type", parent: COMPONENT, type: "audit-logs:index:AccessLogBucket", resource: "audit-logs-access-logs", urn: CHILD_COMPONENT },
        {
            name: "a child of a child component, with the whole chain",
            parent: CHILD_COMPONENT,
            type: "aws:s3/bucket:Bucket",
            resource: "audit-logs-access-logs-bucket",
            urn: "urn:pulumi:prod::audit-log-bucket::audit-logs:index:AuditLogBucket$audit-logs:index:AccessLogBucket$aws:s3/bucket:Bucket::audit-logs-access-logs-bucket",
        },
    ];
    for (const { name, parent, type, resource, urn } of cases) {
        it(`names ${name}`, () => {
            expect(engineUrn("prod", "audit-log-bucket", parent, type, resource)).to.equal(urn);
        });
    }
});

describe("the example export (examples/stack-export.prod.json)", function () {
    this.timeout(120_000);
    let generated: string;
    before(async () => {
        generated = await exampleExportText();
    });

    it("is what the generator writes from today's prod plan as deployed (regenerate: npm run example-export)", () => {
        expect(fs.readFileSync(EXAMPLE_EXPORT, "utf8")).to.equal(generated);
    });

    it("is in the format pulumi stack export writes: deployment version 3, a versioned manifest, engine URNs", () => {
        const document = JSON.parse(generated);
        expect(document.version).to.equal(3);
        const { manifest, resources } = document.deployment;
        expect(manifest.version).to.match(/^v\d+\.\d+\.\d+$/);
        expect(manifest.magic).to.match(/^[0-9a-f]{64}$/);
        expect(resources[0].type).to.equal(ROOT_STACK_TYPE);
        expect(resources[0].outputs).to.have.property("bucketName");
        for (const resource of resources) {
            expect(resource.urn.split("::")[2].split("$"), resource.urn).not.to.include(ROOT_STACK_TYPE === resource.type ? "" : ROOT_STACK_TYPE);
            expect(resource.urn.split("::")[2].split("$").pop()).to.equal(resource.type);
            if (resource.parent) {
                const parentType = resource.parent.split("::")[2];
                expect(resource.urn.split("::")[2], resource.urn).to.equal(parentType === ROOT_STACK_TYPE ? resource.type : `${parentType}$${resource.type}`);
            }
            expect("id" in resource).to.equal(resource.custom);
        }
    });
});
