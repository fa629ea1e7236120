import { AWS_REGIONS } from "../../components/constants";

/** One stack to create: an account and region, and its name (`<account>-<region>` unless given). */
export interface StackTarget {
    account: string;
    region: string;
    name: string;
}

/** A problem with one input, naming where it came from (a flag or a row), the field, the value and the rule. */
export interface TargetProblem {
    where: string;
    field: string;
    value: unknown;
    rule: string;
}

export function formatTargetProblem(problem: TargetProblem): string {
    return `${problem.where}: ${problem.field} ${JSON.stringify(problem.value)} ${problem.rule}`;
}

/** Pulumi's stack-name rule: letters, digits, `-`, `_` and `.`, at most 100 characters. */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Checks one target; a missing name becomes `<account>-<region>`. */
export function checkTarget(where: string, raw: { account?: unknown; region?: unknown; name?: unknown }): { target?: StackTarget; problems: TargetProblem[] } {
    const problems: TargetProblem[] = [];
    const account = typeof raw.account === "number" ? String(raw.account) : raw.account;
    if (typeof account !== "string" || !/^\d{12}$/.test(account)) {
        problems.push({ where, field: "account", value: raw.account, rule: "must be a 12-digit AWS account id (quote it in JSON to keep leading zeros)" });
    }
    if (typeof raw.region !== "string" || !AWS_REGIONS.includes(raw.region)) {
        problems.push({ where, field: "region", value: raw.region, rule: "must be an AWS region where S3 buckets can be created, e.g. eu-west-1" });
    }
    const name = raw.name === undefined || raw.name === "" ? `${String(account)}-${String(raw.region)}` : raw.name;
    if (typeof name !== "string" || !STACK_NAME.test(name)) {
        problems.push({ where, field: "name", value: raw.name, rule: "must be a stack name: letters, digits, -, _ and . only, at most 100 characters" });
    }
    if (problems.length > 0) {
        return { problems };
    }
    return { target: { account: account as string, region: raw.region as string, name: name as string }, problems };
}

/**
 * Reads an accounts file: CSV rows `account,region[,name]` with an optional header line, or a JSON array of
 * `{account, region, name?}`. Every row is checked, and every problem returned, before anything is written.
 */
export function parseTargets(file: string, text: string): { targets: StackTarget[]; problems: TargetProblem[] } {
    const rows = file.toLowerCase().endsWith(".json") ? jsonRows(file, text) : csvRows(file, text);
    if ("problem" in rows) {
        return { targets: [], problems: [rows.problem] };
    }
    const targets: StackTarget[] = [];
    const wheres: string[] = [];
    const problems: TargetProblem[] = [];
    for (const row of rows.rows) {
        if (Array.isArray(row.raw.extra)) {
            problems.push({ where: row.where, field: "columns", value: row.raw.extra, rule: "are extra: a row is account,region[,name]" });
        }
        const checked = checkTarget(row.where, row.raw);
        problems.push(...checked.problems);
        if (checked.target) {
            targets.push(checked.target);
            wheres.push(row.where);
        }
    }
    if (rows.rows.length === 0) {
        problems.push({ where: file, field: "rows", value: [], rule: "must list at least one account and region" });
    }
    problems.push(...duplicateNames(targets, wheres));
    return { targets, problems };
}

/** Two rows that would write the same stack file. */
export function duplicateNames(targets: readonly StackTarget[], wheres: readonly string[] = []): TargetProblem[] {
    const seen = new Map<string, number>();
    const problems: TargetProblem[] = [];
    targets.forEach((target, index) => {
        const first = seen.get(target.name);
        if (first !== undefined) {
            problems.push({ where: wheres[index] ?? `row ${index + 1}`, field: "name", value: target.name, rule: `is already used by ${wheres[first] ?? `row ${first + 1}`}: each stack needs its own name` });
        } else {
            seen.set(target.name, index);
        }
    });
    return problems;
}

type Rows = { rows: { where: string; raw: Record<string, unknown> }[] } | { problem: TargetProblem };

function jsonRows(file: string, text: string): Rows {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        return { problem: { where: file, field: "file", value: file, rule: `is not JSON: ${(error as Error).message}` } };
    }
    if (!Array.isArray(parsed)) {
        return { problem: { where: file, field: "file", value: typeof parsed, rule: "must be a JSON array of {account, region, name?}" } };
    }
    return {
        rows: parsed.map((row, index) => ({
            where: `${file} item ${index + 1}`,
            raw: row !== null && typeof row === "object" ? (row as Record<string, unknown>) : { account: row },
        })),
    };
}

function csvRows(file: string, text: string): Rows {
    const lines = text
        .split(/\r?\n/)
        .map((line, index) => ({ line: line.trim(), number: index + 1 }))
        .filter(({ line }) => line !== "" && !line.startsWith("#"));
    // The header, when there is one, names the columns; any other first line is a row (a typo in it is reported).
    const body = lines.length > 0 && /^"?account"?\s*,/i.test(lines[0].line) ? lines.slice(1) : lines;
    return {
        rows: body.map(({ line, number }) => {
            const [account, region, name, ...extra] = line.split(",").map((cell) => cell.trim().replace(/^"(.*)"$/, "$1"));
            const raw: Record<string, unknown> = { account, region, name: name === "" ? undefined : name };
            if (extra.length > 0) {
                raw.extra = extra;
            }
            return { where: `${file} line ${number}`, raw };
        }),
    };
}
