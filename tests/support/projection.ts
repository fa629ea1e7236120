import type { GlueTableDefinition } from "../../components/athenaTables";

/**
 * The partitions a query admits under a table's projection, counted the way projection prunes (AWS-ATH-400): each
 * projected column's values (an enum's list, every day of a date range up to now in the projection's format, an
 * injected column's values only from the query) are kept when the query's predicate on that very column admits them.
 * Only a comparison of the bare column with a value computed before the scan is such a predicate: `col = 'v'`,
 * `col IN (...)`, `col >= <expr>`, where <expr> is a literal or `date_format(current_date [- interval 'N' day], fmt)`.
 * A function applied to the column (`date_parse(day, ...)`) constrains nothing, as in Trino's Athena-compatible
 * projection, where only the column's domain reaches DateProjection.getProjectedValues.
 */
export interface AdmittedPartitions {
    /** The values each projected column admits, in key order. */
    values: Record<string, string[]>;
    /** Their product: the partitions (S3 prefixes) the query lists. */
    count: number;
}

type Domain = { kind: "all" } | { kind: "set"; values: Set<string> } | { kind: "atLeast"; bound: string };

export function admittedPartitions(table: GlueTableDefinition, sql: string, now: Date): AdmittedPartitions {
    const parameters = table.parameters;
    const code = sql
        .split("\n")
        .filter((line) => !line.trim().startsWith("--"))
        .join("\n");
    const values: Record<string, string[]> = {};
    let count = 1;
    for (const key of table.partitionKeys.map((partition) => partition.name)) {
        const domain = domainOf(code, key, now);
        const type = parameters[`projection.${key}.type`];
        let candidates: string[];
        if (type === "enum") {
            candidates = parameters[`projection.${key}.values`].split(",");
        } else if (type === "date") {
            candidates = projectedDays(parameters[`projection.${key}.format`], parameters[`projection.${key}.range`], now);
        } else if (type === "injected") {
            if (domain.kind !== "set") {
                throw new Error(`Athena refuses the query: injected column ${key} needs an equality or IN filter`);
            }
            candidates = [...domain.values];
        } else {
            throw new Error(`projection type ${type} of ${key} is not one this model reads`);
        }
        const admitted = candidates.filter((candidate) => admits(domain, candidate));
        values[key] = admitted;
        count *= admitted.length;
    }
    return { values, count };
}

function admits(domain: Domain, value: string): boolean {
    // Strings compare as Trino compares varchar: byte order, so unpadded dates do not compare in date order.
    return domain.kind === "all" || (domain.kind === "set" ? domain.values.has(value) : value >= domain.bound);
}

/** The conjunction of the query's predicates on the bare column `key`. */
function domainOf(code: string, key: string, now: Date): Domain {
    const value = String.raw`(?:'[^']*'|date_format\(current_date(?:\s*-\s*interval\s*'\d+'\s*day)?,\s*'[^']*'\))`;
    let domain: Domain = { kind: "all" };
    const intersect = (next: Domain): void => {
        if (domain.kind === "all") {
            domain = next;
        } else if (domain.kind === "set") {
            const current = domain;
            domain = { kind: "set", values: new Set([...current.values].filter((item) => admits(next, item))) };
        } else if (next.kind === "set") {
            const bound = domain;
            domain = { kind: "set", values: new Set([...next.values].filter((item) => admits(bound, item))) };
        } else if (next.kind === "atLeast") {
            domain = { kind: "atLeast", bound: next.bound > domain.bound ? next.bound : domain.bound };
        }
    };
    // A bare column reference: not preceded by `(` with a function name, nor part of a longer name or a struct path.
    const bare = String.raw`(?<![\w.(])${key}(?![\w.])`;
    for (const match of code.matchAll(new RegExp(`${bare}\\s*=\\s*(${value})`, "g"))) {
        intersect({ kind: "set", values: new Set([evaluate(match[1], now)]) });
    }
    for (const match of code.matchAll(new RegExp(`${bare}\\s+IN\\s*\\(((?:\\s*${value}\\s*,?)+)\\)`, "g"))) {
        intersect({ kind: "set", values: new Set([...match[1].matchAll(new RegExp(value, "g"))].map((item) => evaluate(item[0], now))) });
    }
    for (const match of code.matchAll(new RegExp(`${bare}\\s*>=\\s*(${value})`, "g"))) {
        intersect({ kind: "atLeast", bound: evaluate(match[1], now) });
    }
    return domain;
}

/** A literal, or date_format of current_date minus whole days, with Athena's (MySQL) date_format specifiers. */
export function evaluate(expression: string, now: Date): string {
    const literal = /^'([^']*)'$/.exec(expression);
    if (literal) {
        return literal[1];
    }
    const computed = /^date_format\(current_date(?:\s*-\s*interval\s*'(\d+)'\s*day)?,\s*'([^']*)'\)$/.exec(expression);
    if (!computed) {
        throw new Error(`cannot evaluate ${expression}`);
    }
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - Number(computed[1] ?? 0)));
    const pad = (n: number): string => String(n).padStart(2, "0");
    return computed[2].replace(/%[YmdceM]/g, (token) =>
        token === "%Y" ? String(day.getUTCFullYear()) : token === "%m" ? pad(day.getUTCMonth() + 1) : token === "%d" ? pad(day.getUTCDate()) : token === "%c" ? String(day.getUTCMonth() + 1) : String(day.getUTCDate()),
    );
}

/** Every day of a `start,NOW` range, written in the projection's Java DateTimeFormatter pattern. */
export function projectedDays(format: string, range: string, now: Date): string[] {
    const [start, end] = range.split(",");
    if (end !== "NOW") {
        throw new Error(`range ${range} does not end at NOW`);
    }
    const parts = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(start);
    if (!parts) {
        throw new Error(`range start ${start} is not a day`);
    }
    const days: string[] = [];
    const last = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    for (let time = Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])); time <= last; time += 24 * 3600 * 1000) {
        const day = new Date(time);
        const pad = (n: number): string => String(n).padStart(2, "0");
        days.push(
            format.replace(/yyyy|MM|M|dd|d/g, (token) =>
                token === "yyyy" ? String(day.getUTCFullYear()) : token === "MM" ? pad(day.getUTCMonth() + 1) : token === "M" ? String(day.getUTCMonth() + 1) : token === "dd" ? pad(day.getUTCDate()) : String(day.getUTCDate()),
            ),
        );
    }
    return days;
}
