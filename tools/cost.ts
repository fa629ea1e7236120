import { parseArgs } from "util";
import { PRICES, REGION_PRICES } from "./cost/prices";
import { costReport } from "./cost/report";
import { REPO_ROOT } from "./offline/plan";
import { exitAfterOutput } from "./launch/exitAfterOutput";

const USAGE = `usage: npm run cost -- --stack <name> [--gb-per-month N] [--objects-per-month N] [--years N] [--noncurrent-fraction F] [--json]

Models the monthly bill of the stack's bucket, starting empty and receiving the workload every month, with
the list prices of the stack's region from a table dated ${PRICES.date} (${Object.keys(REGION_PRICES).join(", ")}; another region is priced
at ${PRICES.region}'s, and the output says so) (storage, requests, minimum durations, KMS, and the EventBridge events the
bucket sends unless the stack turns them off), and compares it with the alternatives. Flags a stack whose archive
tiers cost more than keeping everything in S3 Standard, naming each tier that does not pay for itself before expiry.
A stack with a vault (vaultRegion) also gets the second copy's bill, line by line, at the vault region's prices (and
the bucket region's for the transfer out), and the total with and without it; a vault whose region or storage class
the table cannot price is refused, naming it, never priced at another region's rates.
Defaults: 10 GB and 100,000 objects a month, no overwrites, the stack's retention rounded up to whole years.
Exit status: 0, 1 when archiving costs more than not archiving, 2 on bad arguments or config, 3 when the stack's
vault cannot be priced (the bucket's figures are still given).`;

class UsageError extends Error {}

/** A number flag: finite, and within the rule `valid` states, else a message naming the flag, the value and the rule. */
function numberFlag(name: string, raw: string | undefined, valid: (value: number) => boolean, rule: string): number | undefined {
    if (raw === undefined) {
        return undefined;
    }
    const value = raw.trim() === "" ? NaN : Number(raw);
    if (!Number.isFinite(value) || !valid(value)) {
        throw new UsageError(`--${name} must be ${rule}, got "${raw}"`);
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
    const positive = (value: number): boolean => value > 0;
    const gbPerMonth = numberFlag("gb-per-month", values["gb-per-month"], positive, "a positive number");
    const objectsPerMonth = numberFlag("objects-per-month", values["objects-per-month"], (value) => value >= 1, "a number of objects, 1 or more");
    const noncurrentFraction = numberFlag("noncurrent-fraction", values["noncurrent-fraction"], (value) => value >= 0 && value <= 1, "a fraction from 0 to 1");
    // The model bills whole months: a period that is not one (0.01 years is 0.12 months) would silently round away.
    const years = numberFlag("years", values.years, (value) => Math.round(value * 12) >= 1 && Math.abs(value * 12 - Math.round(value * 12)) < 1e-9, "a positive whole number of months, in years (e.g. 1, 0.5, 7)");

    const { settings, ...report } = costReport({
        root: REPO_ROOT,
        stack: values.stack as string,
        workload: { ...(gbPerMonth !== undefined ? { gbPerMonth } : {}), ...(objectsPerMonth !== undefined ? { objectsPerMonth } : {}), ...(noncurrentFraction !== undefined ? { noncurrentFraction } : {}) },
        years,
    });
    const status = report.vault?.priced === false ? 3 : report.archiving.paysForItself ? 0 : 1;
    if (values.json) {
        console.log(JSON.stringify(report, null, 2));
        return status;
    }
    const { workload } = report;
    const period = `${workload.years} year${workload.years === 1 ? "" : "s"}`;
    console.log(`Cost of stack ${report.stack} over ${period}, at ${report.prices.region} (${report.prices.regionName}) list prices of ${report.prices.date}`);
    if (report.prices.note) {
        console.log(`Note: ${report.prices.note}.`);
    }
    console.log(`Workload: ${workload.gbPerMonth} GB and ${workload.objectsPerMonth} objects a month (average ${workload.averageObjectKb} KB)`);
    console.log(`Objects of that size go through: ${report.tiers.join(" → ")} → expire@${settings.lifecycle.retentionDays}d`);
    console.log("\nmonth      total   storage  requests   events    kms");
    for (const month of report.byMonth.filter((m) => m.month <= 3 || m.month % 12 === 0)) {
        console.log(
            `${String(month.month).padStart(5)} ${month.usd.toFixed(2).padStart(10)} ${month.storageUsd.toFixed(2).padStart(9)} ${month.requestUsd.toFixed(2).padStart(9)} ${month.eventsUsd.toFixed(2).padStart(8)} ${month.kmsUsd.toFixed(2).padStart(6)}`,
        );
    }
    console.log(`\ntotal: $${report.totalUsd.toFixed(2)}`);
    console.log("alternatives:");
    for (const alternative of report.alternatives) {
        console.log(`  $${alternative.totalUsd.toFixed(2).padStart(10)}  ${alternative.name}`);
    }
    if (settings.encryption === "SSE_KMS") {
        console.log(`KMS requests over the period: ${report.kmsRequests.withBucketKey} with Bucket Key, ${report.kmsRequests.withoutBucketKey} without`);
    }
    console.log(
        report.eventBridge.enabled
            ? `EventBridge events over the period: ${report.eventBridge.events} (writes, transitions, expirations), $${report.eventBridge.usd.toFixed(2)} as opt-in data events`
            : "EventBridge notifications off (eventBridgeNotifications false): no events billed",
    );
    const { vault } = report;
    if (vault?.priced) {
        console.log(`\nVault: the second copy in ${vault.region} (${vault.storageClass}, Replication Time Control ${vault.replicationTimeControl ? "on" : "off"}), kept ${vault.replicaDays.current} days current and ${vault.replicaDays.noncurrent} more noncurrent`);
        for (const [what, used] of [["requests, storage and key", vault.prices], ["transfer out, RTC and metrics", vault.transferPrices]] as const) {
            console.log(`  ${what} at ${used.region} (${used.regionName}) list prices of ${used.date}${used.note ? `; note: ${used.note}` : ""}`);
        }
        for (const line of vault.lines) {
            console.log(`  $${line.usd.toFixed(2).padStart(10)}  ${line.name} (${line.fact})`);
        }
        console.log(`vault: $${vault.totalUsd.toFixed(2)} ($${vault.monthlyUsd.first.toFixed(2)} in month 1, $${vault.monthlyUsd.last.toFixed(2)} in month ${workload.months})`);
        console.log(`total with the vault: $${(report.totalWithVaultUsd as number).toFixed(2)} (without: $${report.totalUsd.toFixed(2)})`);
    } else if (vault) {
        console.log(`\nVAULT NOT PRICED (${vault.region}, ${vault.storageClass}): ${vault.refusal}. The total above is the bucket's alone.`);
    }
    const { archiving } = report;
    if (report.tiers.length === 1) {
        console.log(`\nObjects of this size stay in S3 Standard: no archive tier applies to them.`);
    } else if (archiving.paysForItself) {
        console.log(`\nArchiving pays for itself: $${archiving.archivingUsd.toFixed(2)} against $${archiving.standardOnlyUsd.toFixed(2)} in S3 Standard only.`);
    } else {
        console.log(
            `\nFLAGGED: archiving costs more than not archiving: $${archiving.archivingUsd.toFixed(2)} against $${archiving.standardOnlyUsd.toFixed(2)} in S3 Standard only.\n` +
                `Does not pay for itself before expiry at day ${settings.lifecycle.retentionDays}: ${archiving.tiersThatDoNotPay.join(", ") || "no single tier (their sum does)"}.`,
        );
    }
    return status;
}

try {
    exitAfterOutput(main(process.argv.slice(2)));
} catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`error: ${message}${error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ? `\n\n${USAGE}` : ""}`);
    exitAfterOutput(2);
}
