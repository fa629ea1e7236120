import { expect } from "chai";
import { planStack } from "../../../tools/offline/plan";
import { evaluateRow } from "../../../tools/access/evaluate";
import { AccessRow, MatrixSubject, accessRows, matrixSubject } from "../../../tools/access/rows";

// Who may do what to the audit logs, under the real IAM evaluator (@cloud-copilot/iam-simulate), for the policies
// the stacks actually generate (read from the resources the program registered under mocks).
//
// Evaluator gaps handled here, not papered over:
// - it drops context keys it does not know: every row asserts ignoredContextKeys is empty, so a misspelt key
//   cannot make a row pass;
// - it fills in no context keys: each row states aws:SecureTransport, aws:SourceArn, ... itself;
// - it would apply SCPs to service principals: no row passes any SCP;
// - runSimulation ignores kms:EncryptionContext:<key> conditions: rows that depend on one run through
//   runUnsafeSimulation with a key policy validated by @cloud-copilot/iam-policy (dependsOnEncryptionContext).
const STACKS = ["dev", "prod"];

describe("the access matrix under a real IAM evaluator", () => {
    const subjects = new Map<string, MatrixSubject>();
    const rows = new Map<string, AccessRow[]>();

    before(async () => {
        for (const stack of STACKS) {
            const subject = matrixSubject(await planStack({ stack }));
            subjects.set(stack, subject);
            rows.set(stack, accessRows(subject));
        }
    });

    it("has at least 60 rows across the stacks, covering both policies", () => {
        const all = [...rows.values()].flat();
        expect(all.length).to.be.at.least(60);
        expect(all.filter((row) => row.against === "key").length).to.be.at.least(10);
        expect(new Set(all.map((row) => row.expected))).to.deep.equal(new Set(["Allowed", "ExplicitlyDenied", "ImplicitlyDenied"]));
    });

    for (const stack of STACKS) {
        describe(`stack ${stack}`, () => {
            it("gives every row the verdict the matrix promises, with no ignored context key", async () => {
                const failures: string[] = [];
                for (const row of rows.get(stack) ?? []) {
                    const verdict = await evaluateRow(subjects.get(stack) as MatrixSubject, row);
                    if (verdict.actual !== row.expected || verdict.ignoredContextKeys.length > 0) {
                        failures.push(
                            `✗ ${row.what}: ${row.principal} ${row.action} ${row.resource}\n` +
                                `  expected ${row.expected}, got ${verdict.actual} via ${verdict.engine}` +
                                (verdict.ignoredContextKeys.length > 0 ? `; ignored context keys: ${verdict.ignoredContextKeys.join(", ")}` : "") +
                                `\n${verdict.explanation}`,
                        );
                    }
                }
                expect(failures, failures.join("\n\n")).to.deep.equal([]);
            });
        });
    }
});
