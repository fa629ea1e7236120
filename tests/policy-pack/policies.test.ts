import { expect } from "chai";
import { compliantBucket, resource, tlsDeny, withChange } from "../support/fixtures";
import { inProcessVerdicts } from "../support/inProcessPack";
import { AUDIT, MESSAGES, PLAIN, VIOLATIONS } from "./cases";

describe("the pack's policies, called in process", () => {
    it("have an expected message for every case", () => {
        expect(VIOLATIONS.map(([, what]) => what).filter((what) => !MESSAGES[what])).to.deep.equal([]);
    });

    it("raise nothing on compliant buckets and rotating keys", () => {
        expect(inProcessVerdicts([...compliantBucket(PLAIN), ...compliantBucket(AUDIT), resource("aws:kms/key:Key", "k", { enableKeyRotation: true })])).to.deep.equal([]);
    });

    it("leave a key that cannot rotate alone", () => {
        expect(inProcessVerdicts([resource("aws:kms/key:Key", "hmac", { keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" })])).to.deep.equal([]);
    });

    it("accept a TLS deny written with BoolIfExists and s3:* on objects", () => {
        const statements = [{ ...tlsDeny(PLAIN), Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }];
        expect(inProcessVerdicts(compliantBucket(PLAIN, { statements }))).to.deep.equal([]);
    });

    it("join settings by property dependency when the bucket's name is not known yet", () => {
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        const resources = compliantBucket(PLAIN).map((r) => ({ ...r, properties: { ...r.properties, bucket: unknown } }));
        expect(inProcessVerdicts(resources).filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy)).to.deep.equal([]);
    });

    it("count inline versioning and encryption on a bucket that has no split resources", () => {
        const inline = withChange(withChange(compliantBucket(PLAIN), "versioning", undefined), "sse", undefined).map((r) =>
            r.type === "aws:s3/bucket:Bucket" ? { ...r, properties: { ...r.properties, versioning: { enabled: true }, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } } } : r,
        );
        expect(inProcessVerdicts(inline)).to.deep.equal([]);
    });

    for (const [policy, what, resources, config] of VIOLATIONS) {
        it(`${policy}: reports a bucket that ${what}`, () => {
            const violations = inProcessVerdicts(resources(), config as Record<string, never> | undefined);
            const raised = violations.filter((v) => v.policy === policy);
            expect(raised, JSON.stringify(violations, null, 2)).to.have.length(1);
            // The message after the policy's description line: what is wrong, where, and how to fix it.
            expect(raised[0].message.split("\n").slice(1).join("\n")).to.match(MESSAGES[what]);
        });
    }
});
