import { expect } from "chai";
import * as path from "path";
import { memoizeStructConversion, policyServerStruct } from "../../policy-pack/lib/structMemo";

type StructInstance = { toJavaScript(): Record<string, unknown> };
type StructConstructor = (new () => StructInstance) & { fromJavaScript(value: Record<string, unknown>): StructInstance; prototype: { toJavaScript(): Record<string, unknown> } };

const Struct = policyServerStruct() as unknown as StructConstructor;
const { deserializeProperties } = require("@pulumi/policy/deserialize") as { deserializeProperties(struct: unknown, proxySecrets: boolean): Record<string, unknown> };

/**
 * A subclass that counts real conversions: the memo is installed on it, never on the shared `Struct` class this
 * test process's own driver uses.
 */
function countingStruct(): { Counting: StructConstructor; conversions: () => number } {
    let count = 0;
    class Counting extends (Struct as unknown as new () => StructInstance) {
        toJavaScript(): Record<string, unknown> {
            count += 1;
            return super.toJavaScript();
        }
    }
    return { Counting: Counting as unknown as StructConstructor, conversions: () => count };
}

function instanceOf(Class: StructConstructor, value: Record<string, unknown>): StructInstance {
    // fromJavaScript builds a Struct; the same wire fields in the counting class's instance.
    const built = Struct.fromJavaScript(value) as unknown as { serializeBinary(): Uint8Array };
    const { deserializeBinary } = Struct as unknown as { deserializeBinary(bytes: Uint8Array): object };
    return Object.setPrototypeOf(deserializeBinary(built.serializeBinary()), Class.prototype) as StructInstance;
}

describe("policy pack: each request's properties converted once", () => {
    it("converts a request's properties once, however many policies read them", () => {
        const { Counting, conversions } = countingStruct();
        expect(memoizeStructConversion(Counting)).to.equal(true);
        const struct = instanceOf(Counting, { bucket: "logs", rules: [{ status: "Enabled" }] });
        const results = Array.from({ length: 21 }, () => struct.toJavaScript());
        expect(conversions()).to.equal(1);
        expect(results[20]).to.deep.equal({ bucket: "logs", rules: [{ status: "Enabled" }] });
    });

    it("converts each request on its own, even with the same properties", () => {
        const { Counting, conversions } = countingStruct();
        memoizeStructConversion(Counting);
        const first = instanceOf(Counting, { bucket: "logs" });
        const second = instanceOf(Counting, { bucket: "logs" });
        first.toJavaScript();
        second.toJavaScript();
        expect(conversions()).to.equal(2);
    });

    it("installs once: a second install neither wraps again nor reports success", () => {
        const { Counting, conversions } = countingStruct();
        expect(memoizeStructConversion(Counting)).to.equal(true);
        expect(memoizeStructConversion(Counting)).to.equal(false);
        const struct = instanceOf(Counting, { a: 1 });
        struct.toJavaScript();
        struct.toJavaScript();
        expect(conversions()).to.equal(1);
    });

    it("still gives each policy a copy of its own, so one policy's change cannot reach another", () => {
        // What makes sharing the conversion safe: @pulumi/policy copies the converted value for every policy.
        const { Counting } = countingStruct();
        memoizeStructConversion(Counting);
        const struct = instanceOf(Counting, { bucket: "logs", tags: { purpose: "audit-logs" } });
        const one = deserializeProperties(struct, false);
        const other = deserializeProperties(struct, false);
        expect(one).to.deep.equal(other);
        expect(one).to.not.equal(other);
        expect(one.tags).to.not.equal(other.tags);
        (one.tags as Record<string, unknown>).purpose = "changed";
        expect(deserializeProperties(struct, false).tags).to.deep.equal({ purpose: "audit-logs" });
    });

    it("patches the Struct class whose instances @pulumi/policy's server receives", () => {
        // The server decodes requests with the analyzer messages of its own @pulumi/pulumi: the memo must sit on that
        // copy's Struct, or it would never run.
        const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
        const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [policyDir] }));
        const analyzerProto = require(path.join(pulumiDir, "proto", "analyzer_pb"));
        const request = new analyzerProto.AnalyzeRequest();
        request.setProperties(Struct.fromJavaScript({ bucket: "logs" }));
        const decoded = analyzerProto.AnalyzeRequest.deserializeBinary(request.serializeBinary());
        expect(decoded.getProperties()).to.be.an.instanceOf(Struct);
    });
});
