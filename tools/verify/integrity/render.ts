import type { IntegrityResult } from "./validate";

/**
 * The summary as the AWS CLI's validate-logs words it ("24/24 digest files valid, 310/310 log files valid"), then
 * what else was counted, each gap, and each finding with its s3:// key.
 */
export function renderIntegrity(result: IntegrityResult, where: string): string {
    const { digests, logFiles } = result;
    const lines = [`CloudTrail log file integrity of ${where}, ${result.from} to ${result.to} (${result.chains} digest chain${result.chains === 1 ? "" : "s"}):`];
    lines.push(`  ${ratio(digests.valid, digests.valid + digests.invalid + digests.missing, "digest", digests.invalid, digests.missing)}, ${ratio(logFiles.valid, logFiles.valid + logFiles.invalid + logFiles.missing + logFiles.unreadable, "log", logFiles.invalid, logFiles.missing, logFiles.unreadable)}`);
    lines.push(`  ${logFiles.archived} archived (in Glacier Flexible Retrieval or Deep Archive: their existence checked, not their content), ${logFiles.unverified} unverified (listed by no valid digest)`);
    if (result.replica) {
        const replica = result.replica;
        lines.push(`  replica s3://${replica.bucket}: ${ratio(replica.digests.valid, replica.digests.valid + replica.digests.invalid + replica.digests.missing, "digest", replica.digests.invalid, replica.digests.missing)}, ${ratio(replica.logFiles.valid, replica.logFiles.valid + replica.logFiles.invalid + replica.logFiles.missing + replica.logFiles.unreadable, "log", replica.logFiles.invalid, replica.logFiles.missing, replica.logFiles.unreadable)}`);
    }
    for (const gap of result.gaps) {
        lines.push(`  gap: no log files were delivered by CloudTrail between ${gap.from} and ${gap.to} (trail ${gap.trail}, account ${gap.account}, ${gap.region}): validation or logging was off`);
    }
    for (const finding of result.findings) {
        lines.push(`  [${finding.kind}] ${finding.message}`);
    }
    return lines.join("\n");
}

function ratio(valid: number, total: number, name: string, invalid: number, missing: number, unreadable = 0): string {
    const parts = [`${valid}/${total} ${name} files valid`];
    if (invalid > 0) {
        parts.push(`${invalid}/${total} ${name} files INVALID`);
    }
    if (missing > 0) {
        parts.push(`${missing}/${total} not found`);
    }
    if (unreadable > 0) {
        parts.push(`${unreadable}/${total} unreadable`);
    }
    return parts.join(", ");
}
