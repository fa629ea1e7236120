import { expect } from "chai";
import { AUDIT_LOG_BUCKET_TYPE } from "../../components/constants";
import type { AliasRecord } from "../../tools/offline/capture";
import { registerComponent } from "../support/mocks";

const OLD_COMPONENT_URN = `urn:pulumi:test::test::${AUDIT_LOG_BUCKET_TYPE}::logs`;

function namedAliases(aliases: AliasRecord[]): { name?: string; parentUrn?: string }[] {
    return aliases.filter((alias): alias is { name?: string; parentUrn?: string } => "name" in alias && alias.name !== undefined);
}

describe("renaming an AuditLogBucket instance", () => {
    it("gives every child the alias of its old name under the old component, so nothing is replaced", async () => {
        const run = await registerComponent({ encryption: "SSE_KMS", objectLockDays: 30, configDelivery: false, accessLogBucket: "access-logs-bucket" }, "audit", { aliases: [{ name: "logs" }] });
        const component = run.resources.find((resource) => resource.type === AUDIT_LOG_BUCKET_TYPE);
        expect(component?.aliases).to.deep.equal([{ name: "logs" }]);
        const children = run.resources.filter((resource) => resource.parent === component?.urn);
        expect(children.length).to.be.at.least(12);
        for (const child of children) {
            const role = child.name.slice("audit-".length);
            expect(namedAliases(child.aliases), child.name).to.deep.include({ name: `logs-${role}`, parentUrn: OLD_COMPONENT_URN });
        }
    });

    it("aliases children under an old URN given as a string", async () => {
        const run = await registerComponent({}, "audit", { aliases: [OLD_COMPONENT_URN] });
        const bucket = run.resources.find((resource) => resource.type === "aws:s3/bucket:Bucket");
        expect(namedAliases(bucket?.aliases ?? [])).to.deep.include({ name: "logs-bucket", parentUrn: OLD_COMPONENT_URN });
    });

    it("adds no alias when the instance was not renamed", async () => {
        const run = await registerComponent({});
        for (const resource of run.resources) {
            expect(namedAliases(resource.aliases), resource.name).to.deep.equal([]);
        }
    });

    it("keeps the bucket of programs written for @pulumi/aws v6 (BucketV2) by the provider's own alias", async () => {
        const run = await registerComponent({});
        const bucket = run.resources.find((resource) => resource.type === "aws:s3/bucket:Bucket");
        expect(bucket?.aliases.some((alias) => "type" in alias && alias.type === "aws:s3/bucketV2:BucketV2")).to.equal(true);
    });
});
