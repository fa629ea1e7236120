import { parseArgs } from "util";
import { argsFromStackConfig, CONFIG_NAMESPACE } from "../components/config";
import { resolveSettings } from "../components/settings";
import { AuditLogBucketArgsError } from "../components/validation";
import { kmsRequests, simulate } from "./cost/model";
import { alternativePlans, stackPlan } from "./cost/plans";
import { PRICES } from "./cost/prices";
import { identityFromConfig, REPO_ROOT } from "./offline/plan";
import { loadStackConfig } from "./stackConfig";

const USAGE = `usage: npm run cost -- --stack <name> [--gb-per-month N] [--objects-per-month N] [--years N] [--noncurrent-fraction F] [--json]

Models the monthly bill of the stack's bucket, starting empty and receiving the workload every month, with
${PRICES.region} list prices of ${PRICES.date}, and compares it with the alternatives.`;

function positive(name: string, raw: string | undefined, fallback: number): number {
    if (raw === undefined) {
        return fallback;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
        throw new Error(`--${name} must be a positive number, got "${raw}"`);
    }
    return value;
}

function main(argv: string[]): number {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string", short: "s", default: "dev" },
            "gb-per-month": { type: "string" },
            "objects-per-month": { type: "string" },
            years: { type: "string" },
            "noncurrent-fraction": { type: "string" },
            json: { type: "boolean", default: false },
            help: { type: "boolean", short: "h", default: false },
        },
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    const stack = loadStackConfig(REPO_ROOT, values.stack as string);
    const identity = identityFromConfig(stack);
    const { args, problems } = argsFromStackConfig((key) => stack.config[`${CONFIG_NAMESPACE}:${key}`], stack.config["aws:region"], identity.accountId);
    if (problems.length > 0) {
        throw new AuditLogBucketArgsError("audit-logs", problems);
    }
    const settings = resolveSettings("audit-logs", args);
    const workload = {
        gbPerMonth: positive("gb-per-month", values["gb-per-month"] as string | undefined, 10),
        objectsPerMonth: positive("objects-per-month", values["objects-per-month"] as string | undefined, 100_000),
        noncurrentFraction: values["noncurrent-fraction"] === undefined ? 0 : Number(values["noncurrent-fraction"]),
    };
    const years = positive("years", values.years as string | undefined, Math.ceil(settings.lifecycle.retentionDays / 365));
    const months = Math.round(years * 12);
    const averageObjectKb = (workload.gbPerMonth * 1024 * 1024) / workload.objectsPerMonth;
    const plan = stackPlan(settings, averageObjectKb * 1024);
    const result = simulate(plan, workload, months);
    const alternatives = alternativePlans(settings, averageObjectKb * 1024).map((plan) => {
        const alternative = simulate(plan, workload, months);
        return { name: plan.name, totalUsd: round(alternative.totalUsd) };
    });
    const document = {
        stack: stack.stack,
        prices: { region: PRICES.region, date: PRICES.date },
        workload: { ...workload, averageObjectKb: round(averageObjectKb), years, months },
        lifecycle: settings.lifecycle,
        tiers: ["STANDARD", ...plan.transitions.map((transition) => `${transition.storageClass}@${transition.days}d`)],
        totalUsd: round(result.totalUsd),
        byMonth: result.byMonth.map((month) => ({ ...month, usd: round(month.usd), storageUsd: round(month.storageUsd), requestUsd: round(month.requestUsd), minimumDurationUsd: round(month.minimumDurationUsd), kmsUsd: round(month.kmsUsd) })),
        alternatives,
        kmsRequests: { withBucketKey: kmsRequests(workload.objectsPerMonth, true) * months, withoutBucketKey: kmsRequests(workload.objectsPerMonth, false) * months },
    };
    if (values.json) {
        console.log(JSON.stringify(document, null, 2));
        return 0;
    }
    console.log(`Cost of stack ${stack.stack} over ${years} years (${PRICES.region} list prices of ${PRICES.date})`);
    console.log(`Workload: ${workload.gbPerMonth} GB and ${workload.objectsPerMonth} objects a month (average ${document.workload.averageObjectKb} KB)`);
    console.log(`Objects of that size go through: ${document.tiers.join(" → ")} → expire@${settings.lifecycle.retentionDays}d`);
    console.log("\nmonth      total   storage  requests  kms");
    for (const month of document.byMonth.filter((m) => m.month <= 3 || m.month % 12 === 0)) {
        console.log(`${String(month.month).padStart(5)} ${month.usd.toFixed(2).padStart(10)} ${month.storageUsd.toFixed(2).padStart(9)} ${month.requestUsd.toFixed(2).padStart(9)} ${month.kmsUsd.toFixed(2).padStart(5)}`);
    }
    console.log(`\ntotal: $${document.totalUsd.toFixed(2)}`);
    console.log("alternatives:");
    for (const alternative of alternatives) {
        console.log(`  $${alternative.totalUsd.toFixed(2).padStart(10)}  ${alternative.name}`);
    }
    if (settings.encryption === "SSE_KMS") {
        console.log(`KMS requests over the period: ${document.kmsRequests.withBucketKey} with Bucket Key, ${document.kmsRequests.withoutBucketKey} without`);
    }
    return 0;
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}

try {
    process.exit(main(process.argv.slice(2)));
} catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
}
