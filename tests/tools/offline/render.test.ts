import { expect } from "chai";
import { UNKNOWN } from "../../../tools/offline/capture";
import type { PreviewDocument } from "../../../tools/offline/preview";
import { PlannedResource, changedProperties, keySettings, renderPlan } from "../../../tools/offline/render";
import type { Violation } from "../../../tools/policy/violations";

const STACK_URN = "urn:pulumi:prod::audit-log-bucket::pulumi:pulumi:Stack::audit-log-bucket-prod";
const BUCKET_URN = "urn:pulumi:prod::audit-log-bucket::aws:s3/bucket:Bucket::logs";

function documentWith(violations: Violation[], extra: Partial<PreviewDocument> = {}): PreviewDocument {
    const mandatory = violations.filter((violation) => violation.enforcementLevel === "mandatory").length;
    return {
        stack: "prod",
        mode: "preview",
        resources: [
            { urn: STACK_URN, type: "pulumi:pulumi:Stack", name: "audit-log-bucket-prod", inputs: {}, protect: false, retainOnDelete: false, dependsOn: [] },
            {
                urn: "urn:pulumi:prod::audit-log-bucket::aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration::enc",
                type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                name: "enc",
                parent: STACK_URN,
                inputs: { bucket: "logs", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN }, bucketKeyEnabled: true }] },
                protect: false,
                retainOnDelete: false,
                dependsOn: [],
            },
            { urn: BUCKET_URN, type: "aws:s3/bucketPolicy:BucketPolicy", name: "policy", parent: STACK_URN, inputs: { bucket: "logs", policy: UNKNOWN }, protect: false, retainOnDelete: false, dependsOn: [] },
        ],
        violations,
        remediations: [],
        policies: [
            { policy: "s3-bucket-versioning-enabled", enforcementLevel: "mandatory", verdict: mandatory > 0 ? "violated" : "passed", diagnostics: mandatory },
            { policy: "audit-log-object-lock", enforcementLevel: "advisory", verdict: "not run: unknown until up", diagnostics: 1 },
        ],
        summary: { resources: 3, byType: {}, policyPacks: ["audit-log-bucket@0.1.0"], mandatory, advisory: 0 },
        policyConfig: "",
        outputs: { bucketArn: UNKNOWN, bucketName: "logs" },
        ...extra,
    };
}

const MANDATORY: Violation = { policyPack: "audit-log-bucket", policy: "s3-bucket-versioning-enabled", enforcementLevel: "mandatory", urn: BUCKET_URN, message: "versioning is not Enabled" };

describe("the preview's text", () => {
    it("shows unknown values as (known after up), never the sentinel", () => {
        const text = renderPlan(documentWith([]), 120);
        expect(text).to.include("key=(known after up)");
        expect(text).to.include("policy (known after up)");
        expect(text).to.include("bucketArn: (known after up)");
        expect(text).not.to.include(UNKNOWN);
    });

    it("names the pack and its version and lists each policy with its level and verdict", () => {
        const text = renderPlan(documentWith([]), 120);
        expect(text).to.include("Policy pack audit-log-bucket@0.1.0: 2 policies");
        expect(text).to.match(/mandatory\s+s3-bucket-versioning-enabled\s+passed/);
        expect(text).to.match(/advisory\s+audit-log-object-lock\s+not run: unknown until up \(1\)/);
    });

    const endings: { violations: Violation[]; last: string | undefined }[] = [
        { violations: [], last: undefined },
        { violations: [MANDATORY], last: "preview failed: 1 mandatory violation" },
        { violations: [MANDATORY, { ...MANDATORY, urn: STACK_URN }], last: "preview failed: 2 mandatory violations" },
    ];
    for (const { violations, last } of endings) {
        it(`ends ${last ? `with "${last}"` : "without a failure line"} for ${violations.length} mandatory violations`, () => {
            const lines = renderPlan(documentWith(violations), 120).split("\n");
            if (last) {
                expect(lines[lines.length - 1]).to.equal(last);
            } else {
                expect(lines.join("\n")).not.to.include("preview failed");
            }
        });
    }

    it("wraps every line to the width it is given, between words: a type token longer than the line stays whole", () => {
        for (const width of [60, 80]) {
            const lines = renderPlan(documentWith([MANDATORY]), width).split("\n");
            for (const line of lines) {
                expect(line.length <= width || line.replace(/[│├└─+]/g, " ").trim().split(/\s+/).length === 1, line).to.equal(true);
            }
            expect(lines.some((line) => line.includes("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"))).to.equal(true);
        }
    });

    it("lists each remediation with the properties it changed", () => {
        const text = renderPlan(
            documentWith([], {
                remediations: [{ urn: BUCKET_URN, policyPack: "audit-log-bucket", policy: "s3-bucket-no-force-destroy", before: { bucket: "logs", forceDestroy: true }, after: { bucket: "logs", forceDestroy: false } }],
            }),
            120,
        );
        expect(text).to.include("Remediations");
        expect(text).to.include("~ audit-log-bucket: s3-bucket-no-force-destroy");
        expect(text).to.include("forceDestroy: true → false");
    });

    it("says which top-level properties a remediation changed, added or removed", () => {
        expect(changedProperties({ a: 1, b: { c: 2 }, gone: "x" }, { a: 1, b: { c: 3 }, added: true })).to.deep.equal(['added: (unset) → true', 'b: {"c":2} → {"c":3}', 'gone: "x" → (unset)']);
    });
});

describe("the preview's settings line for a bucket's notification configuration", () => {
    const notification = (inputs: Record<string, unknown>): PlannedResource => ({
        urn: "urn:pulumi:prod::audit-log-bucket::aws:s3/bucketNotification:BucketNotification::logs-event-notifications",
        type: "aws:s3/bucketNotification:BucketNotification",
        name: "logs-event-notifications",
        inputs: { bucket: "logs", ...inputs },
        protect: false,
        retainOnDelete: false,
        dependsOn: [],
    });
    const cases: [Record<string, unknown>, string][] = [
        [{ eventbridge: true }, "eventbridge=on"],
        [{ eventbridge: false }, "eventbridge=off"],
        [{}, "eventbridge=off"],
        [{ eventbridge: true, queues: [{ queueArn: "arn:aws:sqs:us-east-1:222222222222:q", events: ["s3:ObjectCreated:*"] }] }, "eventbridge=on queues=1"],
        [{ topics: [{ topicArn: "a", events: [] }, { topicArn: "b", events: [] }], lambdaFunctions: [{ lambdaFunctionArn: "f", events: [] }] }, "eventbridge=off topics=2 lambdaFunctions=1"],
    ];
    for (const [inputs, line] of cases) {
        it(`shows ${JSON.stringify(inputs)} as "${line}"`, () => {
            expect(keySettings(notification(inputs))).to.equal(line);
        });
    }

    it("prints the line under the resource in the plan's tree", () => {
        const document = documentWith([]);
        const text = renderPlan({ ...document, resources: [...document.resources, { ...notification({ eventbridge: true }), parent: STACK_URN }] }, 120);
        expect(text).to.match(/aws:s3\/bucketNotification:BucketNotification {2}logs-event-notifications {2}create\n\s+└?\s*eventbridge=on\n/);
    });
});

describe("the preview's line for a bucket's default encryption", () => {
    const encryption = (rule: Record<string, unknown>): PlannedResource => ({
        urn: "urn:pulumi:prod::audit-log-bucket::aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration::logs-encryption",
        type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        name: "logs-encryption",
        inputs: { bucket: "logs", rules: [rule] },
        protect: false,
        retainOnDelete: false,
        dependsOn: [],
    });
    const cases: [Record<string, unknown>, string][] = [
        [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] }, "sseAlgorithm=AES256 blocked=SSE-C"],
        [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN }, bucketKeyEnabled: true, blockedEncryptionTypes: ["SSE-C"] }, "sseAlgorithm=aws:kms key=(known after up) bucketKey=on blocked=SSE-C"],
        [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }, "sseAlgorithm=AES256"],
    ];
    for (const [rule, line] of cases) {
        it(`shows ${JSON.stringify(rule)} as "${line}" (AWS-S3-601: the blocked encryption types)`, () => {
            expect(keySettings(encryption(rule))).to.equal(line);
        });
    }
});
