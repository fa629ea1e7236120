import * as path from "path";

/** The part of google-protobuf's generated `Struct` that @pulumi/policy reads a resource's properties through. */
interface StructClass {
    prototype: { toJavaScript(this: object): Record<string, unknown> };
}

// A registered symbol: a second copy of this module in the process sees the first one's mark.
const MEMOIZED = Symbol.for("audit-log-bucket.struct-memo");

/**
 * The `Struct` class of the google-protobuf copy that @pulumi/policy's server decodes requests with: the one
 * `@pulumi/pulumi/proto/analyzer_pb` loads, resolved from @pulumi/policy's own folder (another copy's class would
 * never see a request).
 */
export function policyServerStruct(): StructClass {
    const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [policyDir] }));
    return require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] })).Struct as StructClass;
}

/**
 * Converts each request's properties to JavaScript once, however many policies read them.
 *
 * @pulumi/policy's server deserializes a resource's properties afresh for every enabled policy: AnalyzeStack
 * converts the whole stack once per stack policy, Analyze each resource once per resource policy. The conversion
 * from protobuf (`Struct.toJavaScript`) is the costly half of that; the other half, `deserializeProperty`, copies
 * the converted value into a new object for each policy and never changes it. So one converted value per `Struct`
 * gives each policy the same fresh copy it had before, at a fraction of the cost (a 1,001-resource stack: 21 stack
 * policies' conversions become one). Entries live as long as the request that holds the `Struct`.
 *
 * Installed once per process; returns false when it already was.
 */
export function memoizeStructConversion(Struct: StructClass = policyServerStruct()): boolean {
    const prototype = Struct.prototype as StructClass["prototype"] & { [MEMOIZED]?: StructClass["prototype"]["toJavaScript"] };
    if (Object.prototype.hasOwnProperty.call(prototype, MEMOIZED)) {
        return false;
    }
    const convert = prototype.toJavaScript;
    const converted = new WeakMap<object, Record<string, unknown>>();
    prototype.toJavaScript = function toJavaScript(this: object): Record<string, unknown> {
        let value = converted.get(this);
        if (value === undefined) {
            value = convert.call(this);
            converted.set(this, value);
        }
        return value;
    };
    // Marks the prototype, keeping the conversion it wraps.
    prototype[MEMOIZED] = convert;
    return true;
}
