import type { VerifyDocument } from "./run";
import type { VaultSection } from "./vaultCheck";

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
    if (document.vault) {
        lines.push("", ...renderVault(document.vault));
    }
    lines.push("", `Not checked live: ${document.notChecked.join("; ")}.`);
    const { mandatory, advisory, drift, deliveryFindings, vaultFindings, ok } = document.summary;
    const vaultNotRead = document.vault && !document.vault.read ? ", the vault NOT READ" : "";
    lines.push(
        "",
        ok
            ? `OK: no mandatory violation, no drift, deliveries arriving${document.vault ? ", the vault replicated and locked" : ""} (${advisory} advisory).`
            : `NOT OK: ${mandatory} mandatory violation(s), ${drift} drift(s), ${deliveryFindings} delivery finding(s), ${vaultFindings} vault finding(s)${vaultNotRead} (${advisory} advisory).`,
    );
    return lines.join("\n");
}

function show(value: unknown): string {
    if (value === null || value === undefined) {
        return "(absent)";
    }
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** The vault: where it is and how it was read, its lock, each sampled object's replication, each finding. */
function renderVault(vault: VaultSection): string[] {
    const lines = [`Vault s3://${vault.bucket} (account ${vault.account}, ${vault.region}${vault.role ? `, read through ${vault.role}` : ""}):`];
    if (!vault.read) {
        lines.push(`  NOT READ: ${vault.notRead}`);
    }
    const lock = vault.objectLock;
    if (lock.actual) {
        const period = lock.actual.days !== null ? `${lock.actual.days} days` : lock.actual.years !== null ? `${lock.actual.years} year(s)` : "no period";
        lines.push(`  Object Lock: ${lock.actual.enabled ? `${lock.actual.mode ?? "no default retention"}, ${period}` : "off"} (the stack asks ${lock.expected.mode}, ${lock.expected.days} days)`);
    }
    if (vault.read) {
        const completed = vault.replication.filter((sample) => sample.status === "COMPLETED" && sample.replicaPresent === true).length;
        lines.push(`  Replication${vault.replicationTimeControl ? " (Replication Time Control)" : ""}: ${completed}/${vault.replication.length} of the newest objects replicated and present in the vault`);
    }
    for (const finding of vault.findings) {
        lines.push(`  [${finding.kind}] ${finding.message}`);
    }
    return lines;
}
