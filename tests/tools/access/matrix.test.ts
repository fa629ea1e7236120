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

// Each test plans its stack itself (not in a before hook), so mutation testing attributes the policy builders'
// code to the tests that judge it.
async function subjectOf(stack: string): Promise<{ subject: MatrixSubject; rows: AccessRow[] }> {
    const subject = matrixSubject(await planStack({ stack }));
    return { subject, rows: accessRows(subject) };
}

describe("the access matrix under a real IAM evaluator", () => {
    it("has at least 60 rows across the stacks, covering both policies", async () => {
        const all = (await Promise.all(STACKS.map(subjectOf))).flatMap(({ rows }) => rows);
        expect(all.length).to.be.at.least(60);
        expect(all.filter((row) => row.against === "key").length).to.be.at.least(10);
        expect(new Set(all.map((row) => row.expected))).to.deep.equal(new Set(["Allowed", "ExplicitlyDenied", "ImplicitlyDenied"]));
    });

    for (const stack of STACKS) {
        describe(`stack ${stack}`, () => {
            it("gives every row the verdict the matrix promises, with no ignored context key", async () => {
                const failures: string[] = [];
                const { subject, rows } = await subjectOf(stack);
                for (const row of rows) {
                    const verdict = await evaluateRow(subject, row);
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
