import { anonymousPrincipal, runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { createValidatedPolicy, validateIdentityPolicy, validateResourcePolicy } from "@cloud-copilot/iam-policy";
import type { AccessRow, Expected, MatrixSubject } from "./rows";

export interface RowVerdict {
    row: AccessRow;
    actual: Expected | "Error";
    /** Context keys the evaluator did not recognise and dropped: must be empty, or the row proves nothing. */
    ignoredContextKeys: string[];
    engine: "runSimulation" | "runUnsafeSimulation";
    /** Which statements decided, and how each condition matched: printed when a row fails. */
    explanation: string;
}

/**
 * Evaluates one row with the real IAM evaluator. Requests carry exactly the context the row gives (the evaluator
 * fills nothing in itself), and no SCPs or RCPs: the evaluator would apply SCPs to service principals, which AWS
 * does not.
 */
export async function evaluateRow(subject: MatrixSubject, row: AccessRow): Promise<RowVerdict> {
    const resourcePolicy = row.against === "bucket" ? subject.bucketPolicy : row.against === "key" ? subject.keyPolicy : subject.accessLogBucket?.policy;
    if (!resourcePolicy) {
        throw new Error(`stack ${subject.stack} has no ${row.against} policy for row "${row.what}"`);
    }
    const simulation: Simulation = {
        request: {
            principal: row.principal === "anonymous" ? anonymousPrincipal : row.principal,
            action: row.action,
            resource: { resource: row.resource, accountId: subject.accountId },
            contextVariables: row.context,
        },
        identityPolicies: row.identityPolicy ? [{ name: "identity", policy: row.identityPolicy }] : [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy,
    };
    if (row.dependsOnEncryptionContext) {
        // runSimulation drops kms:EncryptionContext:<key> (it would report it in ignoredContextKeys and the
        // condition would never match), so these rows go through runUnsafeSimulation with a validated policy.
        const validated = createValidatedPolicy(resourcePolicy, validateResourcePolicy, { name: `${row.against}-policy` });
        if (validated.errors.length > 0) {
            return { row, actual: "Error", ignoredContextKeys: [], engine: "runUnsafeSimulation", explanation: JSON.stringify(validated.errors) };
        }
        const actual = runUnsafeSimulation({ ...simulation, resourcePolicy: validated }, {});
        return { row, actual: actual as Expected, ignoredContextKeys: [], engine: "runUnsafeSimulation", explanation: `runUnsafeSimulation: ${actual} (no per-statement explanation from this engine)` };
    }
    const response = await runSimulation(simulation, {});
    if (response.resultType === "error") {
        return { row, actual: "Error", ignoredContextKeys: [], engine: "runSimulation", explanation: JSON.stringify(response.errors, null, 2) };
    }
    const result = response.resultType === "single" ? response.result : response.results[0];
    return {
        row,
        actual: response.overallResult as Expected,
        ignoredContextKeys: result.ignoredContextKeys ?? [],
        engine: "runSimulation",
        explanation: explain(result.analysis as unknown as Analysis),
    };
}

/**
 * Evaluates a family of rows against one subject, fast: each resource and identity policy is validated once and every
 * row runs through runUnsafeSimulation over the validated policies. What that engine skips is done here: the first
 * row of each set of context keys also runs through runSimulation, and a key it ignores fails every row of the set;
 * a row whose verdict is not the promised one runs through runSimulation again, for its explanation.
 */
export async function evaluateRows(subject: MatrixSubject, rows: readonly AccessRow[]): Promise<RowVerdict[]> {
    const validated = new Map<unknown, ReturnType<typeof createValidatedPolicy>>();
    const validate = (policy: Record<string, unknown>, kind: "resource" | "identity") => {
        let result = validated.get(policy);
        if (!result) {
            result = createValidatedPolicy(policy, kind === "resource" ? validateResourcePolicy : validateIdentityPolicy, { name: kind });
            validated.set(policy, result);
        }
        return result;
    };
    const ignoredByKeys = new Map<string, string[]>();
    const verdicts: RowVerdict[] = [];
    for (const row of rows) {
        const keys = Object.keys(row.context).sort().join(",");
        if (!ignoredByKeys.has(keys)) {
            ignoredByKeys.set(keys, (await evaluateRow(subject, row)).ignoredContextKeys);
        }
        const resourcePolicy = row.against === "bucket" ? subject.bucketPolicy : row.against === "key" ? subject.keyPolicy : subject.accessLogBucket?.policy;
        if (!resourcePolicy) {
            throw new Error(`stack ${subject.stack} has no ${row.against} policy for row "${row.what}"`);
        }
        const resource = validate(resourcePolicy, "resource");
        const identity = row.identityPolicy ? validate(row.identityPolicy, "identity") : undefined;
        if (resource.errors.length > 0 || (identity && identity.errors.length > 0)) {
            verdicts.push({ row, actual: "Error", ignoredContextKeys: [], engine: "runUnsafeSimulation", explanation: JSON.stringify([...resource.errors, ...(identity?.errors ?? [])]) });
            continue;
        }
        const actual = runUnsafeSimulation(
            {
                request: { principal: row.principal === "anonymous" ? anonymousPrincipal : row.principal, action: row.action, resource: { resource: row.resource, accountId: subject.accountId }, contextVariables: row.context },
                identityPolicies: identity ? [{ name: "identity", policy: identity }] : [],
                serviceControlPolicies: [],
                resourceControlPolicies: [],
                resourcePolicy: resource,
            },
            {},
        ) as Expected;
        const ignoredContextKeys = ignoredByKeys.get(keys) ?? [];
        verdicts.push(
            actual === row.expected && ignoredContextKeys.length === 0
                ? { row, actual, ignoredContextKeys, engine: "runUnsafeSimulation", explanation: `runUnsafeSimulation: ${actual}` }
                : { ...(await evaluateRow(subject, row)), ignoredContextKeys },
        );
    }
    return verdicts;
}

interface ExplainedStatement {
    explain?: { identifier?: string; effect?: string; conditions?: { operator: string; conditionKeyValue: string; matches: boolean; resolvedConditionKeyValue?: unknown }[] };
}
interface Analysis {
    result: string;
    identityAnalysis?: { result: string; allowStatements: ExplainedStatement[]; denyStatements: ExplainedStatement[] };
    resourceAnalysis?: { result: string; allowStatements: ExplainedStatement[]; denyStatements: ExplainedStatement[]; unmatchedStatements?: ExplainedStatement[] };
}

function explain(analysis: Analysis): string {
    const describe = (label: string, statements: ExplainedStatement[] = []): string[] =>
        statements.map((statement) => {
            const conditions = (statement.explain?.conditions ?? [])
                .map((condition) => `${condition.operator} ${condition.conditionKeyValue}=${JSON.stringify(condition.resolvedConditionKeyValue)} → ${condition.matches ? "match" : "no match"}`)
                .join("; ");
            return `  ${label} ${statement.explain?.effect ?? ""} ${statement.explain?.identifier ?? "(no Sid)"}${conditions ? ` [${conditions}]` : ""}`;
        });
    return [
        `result ${analysis.result}; identity ${analysis.identityAnalysis?.result}; resource ${analysis.resourceAnalysis?.result}`,
        ...describe("identity allow", analysis.identityAnalysis?.allowStatements),
        ...describe("identity deny", analysis.identityAnalysis?.denyStatements),
        ...describe("resource allow", analysis.resourceAnalysis?.allowStatements),
        ...describe("resource deny", analysis.resourceAnalysis?.denyStatements),
        ...describe("resource unmatched", (analysis.resourceAnalysis?.unmatchedStatements ?? []).slice(0, 40)),
    ].join("\n");
}
