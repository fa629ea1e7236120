import { expect } from "chai";
import type { PackInfo } from "../../../tools/policy/analyzer";
import type { Violation } from "../../../tools/policy/violations";
import { policyVerdicts } from "../../../tools/offline/verdicts";

const INFO: PackInfo = {
    name: "audit-log-bucket",
    version: "0.1.0",
    policies: [
        { name: "s3-bucket-versioning-enabled", description: "", enforcementLevel: "mandatory" },
        { name: "audit-log-object-lock", description: "", enforcementLevel: "advisory" },
        { name: "s3-bucket-no-force-destroy", description: "", enforcementLevel: "mandatory" },
    ],
};

function diagnostic(policy: string, message: string, enforcementLevel: Violation["enforcementLevel"] = "mandatory"): Violation {
    return { policyPack: "audit-log-bucket", policy, enforcementLevel, urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b", message };
}

describe("each policy's verdict in a preview", () => {
    const cases: { name: string; violations: Violation[]; config?: Record<string, string>; expected: [string, string, string, number][] }[] = [
        {
            name: "every policy passed",
            violations: [],
            expected: [
                ["s3-bucket-versioning-enabled", "mandatory", "passed", 0],
                ["audit-log-object-lock", "advisory", "passed", 0],
                ["s3-bucket-no-force-destroy", "mandatory", "passed", 0],
            ],
        },
        {
            name: "one policy violated twice",
            violations: [diagnostic("s3-bucket-versioning-enabled", "versioning is Suspended"), diagnostic("s3-bucket-versioning-enabled", "no versioning")],
            expected: [
                ["s3-bucket-versioning-enabled", "mandatory", "violated", 2],
                ["audit-log-object-lock", "advisory", "passed", 0],
                ["s3-bucket-no-force-destroy", "mandatory", "passed", 0],
            ],
        },
        {
            name: "a policy that read an unknown value",
            violations: [diagnostic("audit-log-object-lock", "can't run policy 'audit-log-object-lock' during preview: string value at .bucket can't be known during preview", "advisory")],
            expected: [
                ["s3-bucket-versioning-enabled", "mandatory", "passed", 0],
                ["audit-log-object-lock", "advisory", "not run: unknown until up", 1],
                ["s3-bucket-no-force-destroy", "mandatory", "passed", 0],
            ],
        },
        {
            name: "policy config that disables one policy and raises another",
            violations: [diagnostic("audit-log-object-lock", "Object Lock is off")],
            config: { "s3-bucket-no-force-destroy": "disabled", "audit-log-object-lock": "mandatory" },
            expected: [
                ["s3-bucket-versioning-enabled", "mandatory", "passed", 0],
                ["audit-log-object-lock", "mandatory", "violated", 1],
                ["s3-bucket-no-force-destroy", "disabled", "disabled", 0],
            ],
        },
    ];
    for (const { name, violations, config, expected } of cases) {
        it(`lists every policy with its level and verdict when ${name}`, () => {
            const verdicts = policyVerdicts(INFO, violations, config);
            expect(verdicts.map((verdict) => [verdict.policy, verdict.enforcementLevel, verdict.verdict, verdict.diagnostics])).to.deep.equal(expected);
        });
    }
});
