import type { VerifyDocument } from "./run";

/** The readable report: verdicts, drift and deliveries, then what was not checked and the outcome. */
export function renderReport(document: VerifyDocument): string {
    const lines: string[] = [];
    lines.push(`Stack ${document.stack}: bucket ${document.bucket}, account ${document.account}, ${document.region} (read as ${document.caller})`);
    if (document.buckets.length > 1) {
        lines.push(`Also read: ${document.buckets.slice(1).join(", ")}`);
    }
    lines.push("", `Hardening (${document.summary.policyPacks.join(", ")}):`);
    if (document.violations.length === 0) {
        lines.push("  no violations");
    }
    for (const violation of document.violations) {
        lines.push(`  [${violation.enforcementLevel}] ${violation.policy}: ${violation.message}`);
    }
    lines.push("", "Drift against the stack:");
    if (document.drift.length === 0) {
        lines.push("  none");
    }
    for (const drift of document.drift) {
        lines.push(`  ${drift.bucket ? `${drift.bucket} ` : ""}${drift.setting}: expected ${show(drift.expected)}, live ${show(drift.actual)}${drift.reason ? `\n    ${drift.reason}` : ""}`);
    }
    lines.push("", "Deliveries:");
    for (const delivery of document.deliveries) {
        const newest = delivery.newestKey ? `newest ${delivery.newestKey} (${delivery.newestAgeHours} h old)` : "nothing found";
        lines.push(`  ${delivery.prefix} account ${delivery.account}: marker ${delivery.markerPresent ? "present" : "MISSING"}; ${newest}${delivery.finding ? `\n    finding: ${delivery.finding}` : ""}`);
    }
    lines.push("", `Not checked live: ${document.notChecked.join("; ")}.`);
    const { mandatory, advisory, drift, deliveryFindings, ok } = document.summary;
    lines.push("", ok ? `OK: no mandatory violation, no drift, deliveries arriving (${advisory} advisory).` : `NOT OK: ${mandatory} mandatory violation(s), ${drift} drift(s), ${deliveryFindings} delivery finding(s) (${advisory} advisory).`);
    return lines.join("\n");
}

function show(value: unknown): string {
    if (value === null || value === undefined) {
        return "(absent)";
    }
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
